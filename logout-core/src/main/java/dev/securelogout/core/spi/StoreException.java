package dev.securelogout.core.spi;

/**
 * A store could not do what was asked: unreachable, timed out, or refused the statement. The one
 * exception every SPI of this library throws for backend failures, always with the cause.
 *
 * <p>Its message never holds a raw credential: stores only ever see digests.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with a message saying what was attempted, and its cause.
     *
     * @param message the message
     * @param cause the cause
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure with a message saying what was attempted.
     *
     * @param message the message
     */
    public StoreException(String message) {
        super(message);
    }
}
