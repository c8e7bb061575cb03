package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.referralloop.web.RequestFigures.QuarterInfluence;
import com.referralloop.web.RequestFigures.Requests;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The card's words: stage labels, the summary line, quarter labels and the empty state. */
class RequestCardTest {

    static final DashboardFilter ALL = DashboardFilter.of("all", null, null, Instant.parse("2026-12-01T00:00:00Z"));

    @Test
    void everyStageKeepsItsOrderAndGetsHumanWordsAndTheSummaryAddsThemUp() {
        Map<String, Long> stages = new LinkedHashMap<>();
        stages.put("requested", 3L);
        stages.put("introduced", 1L);
        stages.put("customer_declined", 1L);
        stages.put("won", 2L);
        stages.put("on_hold", 0L);
        RequestCard card = RequestCard.of(new Requests(stages, List.of(new QuarterInfluence("2026-Q3", 1, 4_000),
                new QuarterInfluence("2026-Q4", 1, 20_000))), ALL);

        assertThat(card.stages()).extracting(RequestCard.Stage::label)
                .containsExactly("Requested", "Customer yes, intro sent", "Customer no", "Won", "On hold");
        assertThat(card.summary()).isEqualTo("7 requests · 2 won · 24,000 influenced");
        assertThat(card.quarters()).extracting(RequestCard.Quarter::label).containsExactly("Q3 2026", "Q4 2026");
        assertThat(card.quarters().get(1).amountText()).isEqualTo("20,000");
        assertThat(card.empty()).isFalse();
        assertThat(card.sourceIgnored()).isFalse();
    }

    @Test
    void nothingMadeAndNothingWonIsEmptyButADealWonFromAnOlderRequestIsNot() {
        RequestCard none = RequestCard.of(new Requests(Map.of("requested", 0L), List.of()),
                DashboardFilter.of("7d", null, "nps-q4", Instant.now()));
        assertThat(none.empty()).isTrue();
        assertThat(none.summary()).isEqualTo("0 requests · 0 won · 0 influenced");
        assertThat(none.sourceIgnored()).isTrue();

        RequestCard olderWin = RequestCard.of(new Requests(Map.of("won", 0L), List.of(new QuarterInfluence("2026-Q4", 1, 1_500))), ALL);
        assertThat(olderWin.empty()).isFalse();
        assertThat(olderWin.summary()).isEqualTo("0 requests · 0 won · 1,500 influenced");
    }
}
