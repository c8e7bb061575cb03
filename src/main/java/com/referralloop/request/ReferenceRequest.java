package com.referralloop.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A rep's request to talk to a reference customer for a prospect, from request to the deal's outcome. The
 * owner's and the requester's chat ids are kept so notices reach them without another lookup.
 *
 * @param handle        the pseudonymous contact handle the requester chose (never the email)
 * @param prospect      the prospect's name, private to the requester and the owner unless {@code shareProspect}
 * @param industry      the prospect's industry, the only thing the customer is told unless {@code shareProspect}
 * @param amount        the deal value the requester gave, whole currency units
 * @param wonAmount     the amount recorded when the deal was won: the request's influenced revenue
 * @param askId         the counted ask (reference_requests) made at approval
 * @param nextNudgeAt   when the reminder job next looks at it (indexed); null when nothing is due
 */
@Document("requests")
@CompoundIndexes({
        @CompoundIndex(name = "requests_contact_state", def = "{'contactId': 1, 'state': 1}"),
        @CompoundIndex(name = "requests_owner_state", def = "{'ownerEmail': 1, 'state': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "requests_requester_state", def = "{'requesterKey': 1, 'state': 1, 'createdAt': -1}"),
        // the unfiltered "mine" list sorts by createdAt: with state between them the index above cannot give that order
        @CompoundIndex(name = "requests_requester_created", def = "{'requesterKey': 1, 'createdAt': -1}"),
        @CompoundIndex(name = "requests_nudge", def = "{'nextNudgeAt': 1}"),
        @CompoundIndex(name = "requests_account_state", def = "{'accountId': 1, 'state': 1}"),
        @CompoundIndex(name = "requests_created", def = "{'createdAt': -1}"),
        @CompoundIndex(name = "requests_state_updated", def = "{'state': 1, 'updatedAt': -1}")
})
public record ReferenceRequest(@Id String id, String contactId, String accountId, String accountName, String projectId,
                               String handle, String ownerEmail, String ownerSlackId, String ownerDiscordId,
                               String requesterKey, String requesterName, String requesterPlatform, String requesterChatId,
                               String requesterEmail, String prospect, String industry, boolean shareProspect,
                               String deal, Long amount, RequestNeed need, LocalDate by, String note,
                               String searchStrength, String searchIndustry, String searchProduct,
                               RequestState state, String override, String askId, String declineReason,
                               Long wonAmount, Instant createdAt, Instant updatedAt, Instant nextNudgeAt, int nudges,
                               List<RequestEvent> events) {

    public ReferenceRequest {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
