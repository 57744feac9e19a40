package dev.securelogout.bench;

import java.util.List;

/**
 * One part of the report: its Markdown and the targets it judged.
 *
 * @param title    the heading
 * @param markdown the body
 * @param targets  the targets this part measured, met or not
 */
record Section(String title, String markdown, List<Target> targets) {

    /**
     * A target of the issue and how this run measured against it.
     *
     * @param goal     what was asked, in words
     * @param measured what this run measured, in words
     * @param met      whether the goal was met
     */
    record Target(String goal, String measured, boolean met) {
    }
}
