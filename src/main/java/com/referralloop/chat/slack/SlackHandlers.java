package com.referralloop.chat.slack;

import com.referralloop.chat.ChatUser;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.ChatForm;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.slack.api.Slack;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Slack's requests onto the neutral command layer and back: slash commands to
 * {@link CommandRouter}, buttons and modal submissions to {@link ActionRouter}, App Home opens to
 * the home tab. Every handler acknowledges within Slack's 3 s: a quick answer rides in the
 * acknowledgement, a slow one follows through response_url.
 */
final class SlackHandlers {

    private static final Logger log = LoggerFactory.getLogger(SlackHandlers.class);

    private final CommandRouter commands;
    private final ActionRouter actions;
    private final SlackUsers users;
    private final SlackWork work;
    private final SlackEventLog events;
    private final SlackHomeTab home;
    private final MethodsClient client;
    private final SlackMessages messages;
    private final SlackAnswerCache textAnswers = new SlackAnswerCache();
    private final SlackResponseUrl responses;

    SlackHandlers(CommandRouter commands, ActionRouter actions, SlackUsers users, SlackWork work, SlackEventLog events,
                  SlackHomeTab home, MethodsClient client, Slack slack, SlackMessages messages) {
        this.commands = commands;
        this.actions = actions;
        this.users = users;
        this.work = work;
        this.events = events;
        this.home = home;
        this.client = client;
        this.messages = messages;
        this.responses = new SlackResponseUrl(slack);
    }

    void register(App app) {
        app.command(Pattern.compile("/.+"), this::command);
        app.blockAction(Pattern.compile(".+"), this::click);
        app.viewSubmission(SlackBlocks.FORM_CALLBACK, this::submit);
        app.event(AppHomeOpenedEvent.class, this::homeOpened);
        // customer replies: DMs to the bot and replies under follow-up messages (other message subtypes are auto-acked)
        app.event(MessageEvent.class, messages::message);
        app.event(MessageFileShareEvent.class, messages::fileShare);
        app.event(MessageThreadBroadcastEvent.class, messages::threadBroadcast);
    }

    // --- slash commands ---

    Response command(SlashCommandRequest req, SlashCommandContext ctx) {
        SlashCommandPayload p = req.getPayload();
        // Slack sends &, < and > as &amp; &lt; &gt; in a command's text, as in messages: keep what the rep typed
        String text = p.getText() == null ? null : SlackMessages.unescape(p.getText());
        if (commands.answersFromGrammar(p.getCommand(), text)) {
            // help, usage and mistakes need neither the store nor Slack: answer on the request thread, skipping
            // the hand-off to the worker pool (the bulk of our acknowledgement latency) and any users.info call
            ChatReply reply = commands.handle(new ChatCommand(p.getCommand(), text, users.known(p.getUserId(), p.getUserName())));
            if (reply.form() == null) {
                return textAnswers.ack(reply, ctx);
            }
        }
        Optional<ChatReply> quick;
        try {
            quick = work.within(() -> commands.handle(new ChatCommand(p.getCommand(), text,
                    users.user(p.getUserId(), p.getUserName()))), late -> commandAnswer(late, p));
        } catch (SlackWork.SlackBusyException busy) {
            return ctx.ack(r -> r.responseType("ephemeral").text(busy.getMessage()));
        }
        if (quick.isEmpty()) {
            return ctx.ack();
        }
        ChatReply reply = quick.get();
        if (reply.form() != null) {
            openForm(reply.form(), p.getTriggerId(), p.getResponseUrl(), p.getChannelId(), false);
            return ctx.ack();
        }
        return textAnswers.ack(reply, ctx);
    }

    private void commandAnswer(ChatReply reply, SlashCommandPayload p) {
        if (reply.form() != null) {
            openForm(reply.form(), p.getTriggerId(), p.getResponseUrl(), p.getChannelId(), false);
            return;
        }
        respond(p.getResponseUrl(), commandResponse(reply));
    }

    static SlashCommandResponse commandResponse(ChatReply reply) {
        return SlashCommandResponse.builder()
                .responseType(reply.ephemeral() ? "ephemeral" : "in_channel")
                .text(SlackBlocks.cut(SlackBlocks.escape(reply.text()), SlackBlocks.MAX_SECTION))
                .blocks(reply.message() != null ? SlackBlocks.message(reply.message(), null, false) : SlackBlocks.text(reply.text()))
                .build();
    }

    // --- buttons ---

    Response click(BlockActionRequest req, ActionContext ctx) {
        click(req.getPayload());
        return ctx.ack();
    }

    /** A button click; the caller acknowledges it (an empty 200) once this returns. */
    void click(BlockActionPayload p) {
        if (p.getActions() == null || p.getActions().isEmpty()) {
            return;
        }
        BlockActionPayload.Action a = p.getActions().get(0);
        Click click = new Click(p.getTriggerId(), p.getResponseUrl(),
                p.getChannel() == null ? null : p.getChannel().getId(), SlackBlocks.TRACKED_ACTIONS.equals(a.getBlockId()));
        Optional<ChatReply> quick;
        try {
            quick = work.within(() -> actions.handle(new ActionInvocation(a.getActionId(), a.getValue(),
                    users.user(p.getUser().getId(), p.getUser().getUsername()), Map.of())), late -> afterClick(late, click));
        } catch (SlackWork.SlackBusyException busy) {
            work.run(() -> respond(click.responseUrl(), ephemeral(busy.getMessage())));
            return;
        }
        quick.ifPresent(reply -> {
            if (reply.form() != null) {
                // views.open must use the trigger within 3 s of the click: do it before acknowledging
                openForm(reply.form(), click.triggerId(), click.responseUrl(), click.channel(), click.tracked());
            } else {
                work.run(() -> afterClick(reply, click));
            }
        });
    }

    private record Click(String triggerId, String responseUrl, String channel, boolean tracked) { }

    private void afterClick(ChatReply reply, Click click) {
        if (reply.form() != null) {
            openForm(reply.form(), click.triggerId(), click.responseUrl(), click.channel(), click.tracked());
        } else {
            answer(reply, click.responseUrl(), click.tracked());
        }
    }

    /**
     * Shows the result of a click or submission. A follow-up message the outbox posted is updated
     * for everyone by the outbox (FollowUpMessageUpdater), so only other messages are replaced here.
     */
    private void answer(ChatReply reply, String responseUrl, boolean tracked) {
        if (reply.message() != null && !reply.error()) {
            if (!tracked) {
                ActionResponse r = ActionResponse.builder().replaceOriginal(true).text(SlackBlocks.fallback(reply.message()))
                        .blocks(SlackBlocks.message(reply.message(), null, false)).build();
                respond(responseUrl, r);
            }
            return;
        }
        respond(responseUrl, ephemeral(reply.text()));
    }

    private static ActionResponse ephemeral(String text) {
        return ActionResponse.builder().responseType("ephemeral").replaceOriginal(false)
                .text(SlackBlocks.cut(SlackBlocks.escape(text), SlackBlocks.MAX_SECTION)).blocks(SlackBlocks.text(text)).build();
    }

    // --- modals ---

    private void openForm(ChatForm form, String triggerId, String responseUrl, String channel, boolean tracked) {
        String meta = new SlackFormMetadata(form.submitActionId(), form.value(), responseUrl, channel, tracked).toJson();
        String error;
        try {
            ViewsOpenResponse r = client.viewsOpen(req -> req.triggerId(triggerId).view(SlackBlocks.modal(form, meta)));
            if (r.isOk()) {
                return;
            }
            error = r.getError();
        } catch (Exception e) {
            error = e.getClass().getSimpleName();
        }
        log.warn("views.open failed: {}", error);
        String why = "expired_trigger_id".equals(error) ? "it took too long to prepare" : error;
        respond(responseUrl, ephemeral("Could not open the form (" + why + "); please try again."));
    }

    Response submit(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
        View view = req.getPayload().getView();
        SlackFormMetadata meta = SlackFormMetadata.parse(view.getPrivateMetadata());
        if (meta == null) {
            return ctx.ack();
        }
        Map<String, String> inputs = inputs(view.getState());
        var u = req.getPayload().getUser();
        Optional<ChatReply> quick;
        try {
            quick = work.within(() -> actions.handle(new ActionInvocation(meta.action(), meta.value(),
                    users.user(u.getId(), u.getUsername()), inputs)), late -> answer(late, meta.responseUrl(), meta.tracked()));
        } catch (SlackWork.SlackBusyException busy) {
            return firstBlock(view).map(b -> ctx.ackWithErrors(Map.of(b, busy.getMessage()))).orElseGet(ctx::ack);
        }
        if (quick.isPresent()) {
            ChatReply reply = quick.get();
            if (reply.error()) {
                Optional<String> block = firstBlock(view);
                if (block.isPresent()) {
                    return ctx.ackWithErrors(Map.of(block.get(), SlackBlocks.cut(reply.text(), SlackBlocks.MAX_FIELD)));
                }
            }
            work.run(() -> answer(reply, meta.responseUrl(), meta.tracked()));
        }
        return ctx.ack();
    }

    static Map<String, String> inputs(ViewState state) {
        Map<String, String> out = new LinkedHashMap<>();
        if (state == null || state.getValues() == null) {
            return out;
        }
        for (Map<String, ViewState.Value> block : state.getValues().values()) {
            for (Map.Entry<String, ViewState.Value> e : block.entrySet()) {
                String v = valueOf(e.getValue());
                if (v != null) {
                    out.put(e.getKey(), v);
                }
            }
        }
        return out;
    }

    private static String valueOf(ViewState.Value v) {
        if (v == null) {
            return null;
        }
        if (v.getSelectedOption() != null) {
            return v.getSelectedOption().getValue();
        }
        if (v.getSelectedOptions() != null) {
            return v.getSelectedOptions().stream().map(ViewState.SelectedOption::getValue).collect(Collectors.joining(","));
        }
        if (v.getSelectedDate() != null) {
            return v.getSelectedDate();
        }
        return v.getValue();
    }

    private static Optional<String> firstBlock(View view) {
        return view.getBlocks() == null || view.getBlocks().isEmpty() ? Optional.empty()
                : Optional.ofNullable(view.getBlocks().get(0).getBlockId());
    }

    // --- App Home ---

    Response homeOpened(EventsApiPayload<AppHomeOpenedEvent> payload, EventContext ctx) {
        AppHomeOpenedEvent e = payload.getEvent();
        if (!events.firstDelivery(payload.getEventId(), "app_home_opened")) {
            return ctx.ack();
        }
        if (e.getTab() == null || "home".equals(e.getTab())) {
            work.run(() -> publishHome(e.getUser()));
        }
        return ctx.ack();
    }

    void publishHome(String userId) {
        ChatUser user = users.user(userId, null);
        View view = home.render(user);
        try {
            ViewsPublishResponse r = client.viewsPublish(req -> req.userId(userId).view(view));
            if (!r.isOk()) {
                log.warn("views.publish failed: {}", r.getError());
            }
        } catch (Exception ex) {
            log.warn("views.publish failed: {}", ex.toString());
        }
    }

    // --- response_url ---

    private void respond(String responseUrl, Object body) {
        if (responseUrl == null) {
            return;
        }
        try {
            responses.post(responseUrl, body);
        } catch (Exception e) {
            log.warn("Answer through response_url failed: {}", e.toString());
        }
    }
}
