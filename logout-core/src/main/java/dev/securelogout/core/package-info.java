/**
 * The logout engine and the values it exchanges with adapters. Start at
 * {@link dev.securelogout.core.LogoutEngine}.
 */
package dev.securelogout.core;
