package com.referralloop.command;

/** Handles button clicks and form submissions whose action id it claims. */
public interface ActionHandler {

    boolean handles(String actionId);

    ChatReply handle(ActionInvocation action);
}
