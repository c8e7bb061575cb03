package com.referralloop.command;

/** A command the user got wrong; the router adds the right form to the message. */
public class CommandException extends RuntimeException {

    public CommandException(String message) {
        super(message);
    }
}
