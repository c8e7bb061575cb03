package com.referralloop.command;

import com.referralloop.support.InvalidInputException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Routes button clicks and form submissions from every front end to the handler that claims them. */
@Service
public class ActionRouter {

    private static final Logger log = LoggerFactory.getLogger(ActionRouter.class);

    private final List<ActionHandler> handlers;

    ActionRouter(List<ActionHandler> handlers) {
        this.handlers = handlers;
    }

    public ChatReply handle(ActionInvocation action) {
        ActionHandler handler = handlers.stream().filter(h -> h.handles(action.actionId())).findFirst().orElse(null);
        if (handler == null) {
            return ChatReply.error("This button is not known to Referral Loop (" + action.actionId() + ").");
        }
        try {
            return handler.handle(action);
        } catch (CommandException | InvalidInputException | AccessDeniedException | IllegalArgumentException e) {
            return ChatReply.error(e.getMessage());
        } catch (RuntimeException e) {
            if (e.getClass().getPackageName().startsWith("com.referralloop")) {
                return ChatReply.error(e.getMessage());
            }
            log.error("Action {} failed", action.actionId(), e);
            return ChatReply.error("Something went wrong on our side; nothing was changed. Try again in a moment.");
        }
    }
}
