package com.referralloop.request;

import com.referralloop.chat.ChatAction;
import com.referralloop.chat.ChatMessage;
import com.referralloop.chat.ChatUser;
import com.referralloop.chat.Platform;
import com.referralloop.reference.ReferenceService;
import java.util.List;
import org.springframework.stereotype.Component;

/** After a no, offers the requester the best other match of the search they chose from, with its Request button. */
@Component
class NextBestMatch {

    private final ReferenceService references;

    NextBestMatch(ReferenceService references) {
        this.references = references;
    }

    ChatMessage offer(ReferenceRequest r, String news) {
        ChatUser requester = new ChatUser(Platform.valueOf(r.requesterPlatform()), r.requesterChatId(), r.requesterName(),
                r.requesterEmail(), java.util.Set.of(), ChatUser.Membership.MEMBER);
        ReferenceService.Result result = references.find(requester,
                new ReferenceService.Criteria(r.searchStrength(), r.searchIndustry(), r.searchProduct()));
        return result.matches().stream().filter(m -> !m.contact().id().equals(r.contactId())).findFirst()
                .map(m -> {
                    String handle = ReferenceHandle.of(m.project().id(), m.contact().id()).toString();
                    return new ChatMessage(news, "The next-best match of your search: " + m.account().name() + ", project “"
                            + m.project().title() + "” (" + String.join(", ", m.project().strengths()) + "), consent "
                            + m.consent().level().word() + ". Request it with the button or /reference request " + handle
                            + " for=\"" + r.prospect() + "\".", List.of(),
                            List.of(new ChatAction(RequestActions.OPEN, "Request this one", handle + "|" + r.prospect(),
                                    ChatAction.Style.PRIMARY)), null);
                })
                .orElseGet(() -> ChatMessage.text(news + " No other reference fits your search now; try /reference find "
                        + "with other strengths."));
    }
}
