package com.referralloop.web;

import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.command.ActionInvocation;
import com.referralloop.command.ActionRouter;
import com.referralloop.command.ChatCommand;
import com.referralloop.command.ChatReply;
import com.referralloop.command.CommandRouter;
import com.referralloop.followup.FollowUp;
import com.referralloop.followup.FollowUpListing;
import com.referralloop.followup.FollowUpMessages;
import com.referralloop.followup.FollowUpQuery;
import com.referralloop.support.LogSafe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The playground: the bot without Slack or Discord. Commands and button clicks go through the same
 * {@link CommandRouter} and {@link ActionRouter} as the chat adapters; replies and follow-ups are the same
 * neutral messages, rendered as HTML. The acting user is one of the imported account owners.
 */
@Controller
class PlaygroundPage {

    private static final Logger log = LoggerFactory.getLogger(PlaygroundPage.class);
    static final String INPUT_PREFIX = "in.";

    private final CommandRouter commands;
    private final ActionRouter actions;
    private final FollowUpListing followUps;
    private final FollowUpMessages messages;
    private final DashboardService dashboard;
    private final WebProperties props;
    private final MrkdwnHtml mrkdwn;

    PlaygroundPage(CommandRouter commands, ActionRouter actions, FollowUpListing followUps, FollowUpMessages messages,
                   DashboardService dashboard, WebProperties props, MrkdwnHtml mrkdwn) {
        this.props = props;
        this.mrkdwn = mrkdwn;
        this.commands = commands;
        this.actions = actions;
        this.followUps = followUps;
        this.messages = messages;
        this.dashboard = dashboard;
    }

    /** A follow-up as shown in the playground: its owner and the message every platform shows. */
    record Shown(FollowUp followUp, com.referralloop.chat.ChatMessage message) { }

    @GetMapping("/playground")
    String page(@RequestParam(required = false) String as, @RequestParam(defaultValue = "mine") String scope,
                HttpSession session, Model model, HttpServletResponse response) {
        if (!props.playground()) {
            return off(response);
        }
        List<String> owners = dashboard.ownerEmails();
        String user = pick(as, owners);
        boolean all = "all".equals(scope) || user == null;
        List<FollowUp> open = followUps.list(new FollowUpQuery(null, true, all ? null : user, false, null, 25));
        model.addAttribute("owners", owners);
        model.addAttribute("as", user);
        model.addAttribute("scope", all ? "all" : "mine");
        model.addAttribute("followUps", open.stream().map(f -> new Shown(f, messages.render(f))).toList());
        model.addAttribute("csrf", PlaygroundCsrf.tokenFor(session));
        // Thymeleaf 3.1 refuses bean references (@name) in th:utext, so the converter travels in the model
        model.addAttribute("mrkdwn", mrkdwn);
        return "playground";
    }

    @PostMapping("/playground/command")
    String command(@RequestParam(required = false) String as, @RequestParam(defaultValue = "") String line,
                   @RequestParam(defaultValue = "mine") String scope, HttpServletRequest request,
                   HttpServletResponse response, RedirectAttributes redirect) {
        if (!props.playground()) {
            return off(response);
        }
        if (!PlaygroundCsrf.valid(request)) {
            return forbidden(response);
        }
        String user = pick(as, dashboard.ownerEmails());
        ChatReply reply;
        if (user == null) {
            reply = ChatReply.error("Pick a user first: import accounts (POST /api/accounts/import) or start with REFERRAL_DEMO=true.");
        } else {
            String trimmed = line.trim();
            String withoutSlash = trimmed.startsWith("/") ? trimmed.substring(1) : trimmed;
            int space = withoutSlash.indexOf(' ');
            String name = space < 0 ? withoutSlash : withoutSlash.substring(0, space);
            String text = space < 0 ? "" : withoutSlash.substring(space + 1);
            reply = commands.handle(new ChatCommand(name, text, userOf(user)));
            log.info("Playground command /{} by {}", name, LogSafe.email(user));
        }
        redirect.addFlashAttribute("line", line);
        return back(redirect, reply, user, scope);
    }

    @PostMapping("/playground/action")
    String action(@RequestParam(required = false) String as, @RequestParam String actionId,
                  @RequestParam(required = false) String value, @RequestParam(defaultValue = "mine") String scope,
                  @RequestParam MultiValueMap<String, String> params, HttpServletRequest request,
                  HttpServletResponse response, RedirectAttributes redirect) {
        if (!props.playground()) {
            return off(response);
        }
        if (!PlaygroundCsrf.valid(request)) {
            return forbidden(response);
        }
        String user = pick(as, dashboard.ownerEmails());
        ChatReply reply = user == null
                ? ChatReply.error("Pick a user first.")
                : actions.handle(new ActionInvocation(actionId, value, userOf(user), inputs(params)));
        return back(redirect, reply, user, scope);
    }

    static Map<String, String> inputs(MultiValueMap<String, String> params) {
        Map<String, String> inputs = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (k.startsWith(INPUT_PREFIX) && v != null) {
                // a multi-select arrives as several values; handlers read them comma-separated
                inputs.put(k.substring(INPUT_PREFIX.length()), String.join(",", v));
            }
        });
        return inputs;
    }

    private static String back(RedirectAttributes redirect, ChatReply reply, String user, String scope) {
        redirect.addFlashAttribute("reply", reply);
        if (user != null) {
            redirect.addAttribute("as", user);
        }
        redirect.addAttribute("scope", "all".equals(scope) ? "all" : "mine");
        return "redirect:/playground";
    }

    private static String forbidden(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        return "playground-forbidden";
    }

    private static String off(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        return "playground-off";
    }

    static ChatUser userOf(String ownerEmail) {
        return new ChatUser(Platform.WEB, ownerEmail, ownerEmail, ownerEmail);
    }

    /** Only imported owners can be picked; the first one is the default. */
    private static String pick(String as, List<String> owners) {
        if (as != null) {
            for (String o : owners) {
                if (o.equalsIgnoreCase(as.trim())) {
                    return o;
                }
            }
        }
        return owners.isEmpty() ? null : owners.get(0);
    }
}
