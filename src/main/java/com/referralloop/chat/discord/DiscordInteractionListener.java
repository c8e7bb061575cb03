package com.referralloop.chat.discord;

import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatTarget;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.chat.outbox.Outbox;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.components.Component;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.modals.ModalMapping;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's front door: slash commands become the text grammar for {@link CommandRouter}, buttons and
 * modal submissions become {@link ActionInvocation}s. Slash commands and modal submissions are
 * deferred (ephemeral) before the router runs and answered through the hook; an answer that would
 * come after the 15-minute token life goes out as a DM through the outbox instead.
 *
 * <p>Buttons are different because a click may open a modal, and a modal cannot follow a defer: the
 * action runs with a {@link #BUTTON_BUDGET} well under Discord's 3 s; if it is slower the click is
 * deferred and answered later.
 */
class DiscordInteractionListener extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DiscordInteractionListener.class);
    static final Duration BUTTON_BUDGET = Duration.ofMillis(1500);

    private final CommandRouter commands;
    private final ActionRouter actions;
    private final Outbox outbox;
    private final Executor executor;
    private final Duration buttonBudget;

    DiscordInteractionListener(CommandRouter commands, ActionRouter actions, Outbox outbox, Executor executor) {
        this(commands, actions, outbox, executor, BUTTON_BUDGET);
    }

    DiscordInteractionListener(CommandRouter commands, ActionRouter actions, Outbox outbox, Executor executor,
                               Duration buttonBudget) {
        this.commands = commands;
        this.actions = actions;
        this.outbox = outbox;
        this.executor = executor;
        this.buttonBudget = buttonBudget;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!CommandRouter.COMMANDS.contains(event.getName())) {
            return;
        }
        // acknowledge first: nothing below may cost the 3-second window
        event.deferReply(true).queue();
        InteractionHook hook = event.getHook();
        String interactionId = event.getId();
        ChatUser user = userOf(event.getUser(), event.getMember());
        Map<String, String> options = new LinkedHashMap<>();
        for (OptionMapping o : event.getOptions()) {
            options.put(o.getName(), o.getType() == OptionType.USER ? "<@" + o.getAsUser().getId() + ">" : o.getAsString());
        }
        String text = DiscordCommandTranslator.toText(event.getName(), event.getSubcommandGroup(), event.getSubcommandName(), options);
        ChatCommand command = new ChatCommand(event.getName(), text, user);
        run(hook, user, interactionId, true, () -> commands.handle(command));
    }

    /** Runs the slow part off JDA's event thread and answers through the hook, whatever happens. */
    private void run(InteractionHook hook, ChatUser user, String interactionId, boolean publicCopy,
                     java.util.function.Supplier<ChatReply> work) {
        try {
            executor.execute(() -> {
                ChatReply reply;
                try {
                    reply = work.get();
                } catch (RuntimeException e) {
                    log.error("Discord interaction {} failed", interactionId, e);
                    reply = ChatReply.error("Something went wrong on our side; nothing was changed. Try again in a moment.");
                }
                answer(hook, reply, user, interactionId, publicCopy);
            });
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            answer(hook, ChatReply.error("Referral Loop is restarting; try again in a moment."), user, interactionId, false);
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String[] id = DiscordMessageRenderer.parseCustomId(event.getComponentId());
        ChatUser user = userOf(event.getUser(), event.getMember());
        ActionInvocation invocation = new ActionInvocation(id[0], id[1], user, Map.of());
        CompletableFuture<ChatReply> work = CompletableFuture.supplyAsync(() -> actions.handle(invocation), executor);
        ChatReply reply;
        try {
            reply = work.get(buttonBudget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            event.deferReply(true).queue();
            InteractionHook hook = event.getHook();
            String interactionId = event.getId();
            work.thenAccept(r -> answer(hook, r, user, interactionId, false));
            return;
        } catch (ExecutionException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.error("Discord button {} failed", id[0], e);
            event.reply("Something went wrong on our side; nothing was changed.").setEphemeral(true).queue();
            return;
        }
        if (reply.form() != null) {
            event.replyModal(DiscordMessageRenderer.modal(reply.form())).queue();
        } else if (reply.message() != null && !reply.ephemeral() && !reply.error()) {
            // the clicked message now shows the new state and who acted; other copies follow via the outbox
            event.editMessage(DiscordMessageRenderer.edit(reply.message())).queue();
        } else {
            event.reply(DiscordMessageRenderer.cut(reply.text(), DiscordMessageRenderer.CONTENT_MAX)).setEphemeral(true).queue();
        }
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        event.deferReply(true).queue();
        String[] id = DiscordMessageRenderer.parseCustomId(event.getModalId());
        ChatUser user = userOf(event.getUser(), event.getMember());
        Map<String, String> inputs = new LinkedHashMap<>();
        for (ModalMapping m : event.getValues()) {
            inputs.put(m.getCustomId(), m.getType() == Component.Type.TEXT_INPUT ? m.getAsString()
                    : String.join(",", m.getAsStringList()));
        }
        ActionInvocation invocation = new ActionInvocation(id[0], id[1], user, inputs);
        run(event.getHook(), user, event.getId(), false, () -> actions.handle(invocation));
    }

    /**
     * Answers a deferred interaction through its hook, or by DM via the outbox once the hook has expired.
     * {@code publicCopy}: a command reply meant for everyone is also posted in the channel.
     */
    void answer(InteractionHook hook, ChatReply reply, ChatUser user, String interactionId, boolean publicCopy) {
        ChatMessage message = reply.message() != null ? reply.message()
                : ChatMessage.text(reply.form() != null
                        ? reply.text() + ": open it from the button on the follow-up message."
                        : reply.text());
        if (hook.isExpired()) {
            log.info("Discord interaction {} outlived its token; answering by DM instead", interactionId);
            outbox.enqueue("discord:late-reply:" + interactionId, ChatTarget.of(Platform.DISCORD,
                    DiscordRestSender.DM_PREFIX + user.id()), message, null);
            return;
        }
        if (reply.message() != null) {
            hook.editOriginal(DiscordMessageRenderer.edit(reply.message())).queue(ok -> { }, e -> failed(interactionId, e));
        } else {
            hook.editOriginal(DiscordMessageRenderer.editText(message.text())).queue(ok -> { }, e -> failed(interactionId, e));
        }
        if (publicCopy && !reply.ephemeral() && !reply.error()) {
            // the deferred answer is private; a reply meant for everyone is posted as a public follow-up
            hook.sendMessage(new MessageCreateBuilder().setEmbeds(DiscordMessageRenderer.embed(message)).build())
                    .setEphemeral(false).queue(ok -> { }, e -> failed(interactionId, e));
        }
    }

    private static void failed(String interactionId, Throwable e) {
        log.warn("Discord interaction {}: answer not delivered: {}", interactionId, e.toString());
    }

    /**
     * The neutral user, with every Discord role id the member holds (the manager role among them). A member of
     * the server is a MEMBER (the core narrows that to the sales role when one is configured); a bot is an
     * outsider; a DM carries no member, so membership is unknown there.
     */
    ChatUser userOf(User user, Member member) {
        Set<String> roles = new LinkedHashSet<>();
        if (member != null) {
            List<Role> held = member.getRoles();
            if (held != null) {
                held.forEach(r -> roles.add(r.getId()));
            }
        }
        String name = member != null && member.getEffectiveName() != null ? member.getEffectiveName() : user.getEffectiveName();
        ChatUser.Membership membership = user.isBot() ? ChatUser.Membership.OUTSIDER
                : member != null ? ChatUser.Membership.MEMBER : ChatUser.Membership.UNKNOWN;
        return new ChatUser(Platform.DISCORD, user.getId(), name, null, roles, membership);
    }
}
