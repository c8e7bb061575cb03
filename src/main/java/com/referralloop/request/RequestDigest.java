package com.referralloop.request;

import com.referralloop.chat.ChatUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The request lines of a user's home screen: what waits for their approval, and their own requests. */
@Component
public class RequestDigest {

    private static final int LINES = 5;

    private final RequestStore store;
    private final InfluencedRevenue influence;

    RequestDigest(RequestStore store, InfluencedRevenue influence) {
        this.store = store;
        this.influence = influence;
    }

    /** Markdown-free lines, empty when the user has nothing to see. */
    public List<String> lines(ChatUser user, Optional<String> ownerEmail) {
        List<String> out = new ArrayList<>();
        ownerEmail.map(e -> e.trim().toLowerCase(Locale.ROOT)).ifPresent(email -> {
            long waiting = store.countToApprove(email);
            if (waiting > 0) {
                out.add(waiting + " reference request(s) wait for your approval (/reference requests to-approve):");
                store.toApprove(email, LINES).forEach(r -> out.add("• " + RequestCommands.line(r) + " — from " + r.requesterName()));
            }
        });
        String key = RequestService.keyOf(user);
        List<ReferenceRequest> mine = store.byRequester(key, LINES);
        if (!mine.isEmpty()) {
            out.add("Your latest reference requests (/reference requests mine):");
            mine.forEach(r -> out.add("• " + RequestCommands.line(r)));
            influence.ofRequester(key).ifPresent(line -> out.add("Influenced by references you requested: " + line));
        }
        return out;
    }
}
