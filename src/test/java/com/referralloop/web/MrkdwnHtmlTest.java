package com.referralloop.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Slack mrkdwn to HTML: the formatting Slack shows, and no tag or attribute from user text on the page. */
class MrkdwnHtmlTest {

    /** Every tag the converter may write; anything else that looks like markup came from user text. */
    private static final Pattern OWN_TAGS = Pattern.compile(
            "</?(?:strong|em|code|pre|del|ul|li|p)>|<br>|</a>"
                    + "|<a href=\"https?://[^\"<>\\s]*\" rel=\"noopener noreferrer\" target=\"_blank\">");

    private final MrkdwnHtml mrkdwn = new MrkdwnHtml();

    @Test
    void inlineFormattingBecomesTags() {
        assertThat(mrkdwn.html("*bold* _italic_ `code` ~gone~"))
                .isEqualTo("<p><strong>bold</strong> <em>italic</em> <code>code</code> <del>gone</del></p>");
    }

    @Test
    void markersInsideWordsOrWithoutWordsStayText() {
        assertThat(mrkdwn.html("snake_case_name 2*3*4 a * b * c ** __"))
                .isEqualTo("<p>snake_case_name 2*3*4 a * b * c ** __</p>");
    }

    @Test
    void nothingInsideCodeIsFormatted() {
        assertThat(mrkdwn.html("`*not bold* <https://x.example|x>`"))
                .isEqualTo("<p><code>*not bold* &lt;https://x.example|x&gt;</code></p>");
    }

    @Test
    void theHelpOfACommandReadsAsAListOfCodeLines() {
        String help = "*/referral* sub-commands:\n• `/referral consent <contact> level=<passive|active>` — record consent\n"
                + "• `/referral stats [period=30d]` — the figures\nAdd `help` after any sub-command for its form.";
        assertThat(mrkdwn.html(help)).isEqualTo("<p><strong>/referral</strong> sub-commands:</p>"
                + "<ul><li><code>/referral consent &lt;contact&gt; level=&lt;passive|active&gt;</code> — record consent</li>"
                + "<li><code>/referral stats [period=30d]</code> — the figures</li></ul>"
                + "<p>Add <code>help</code> after any sub-command for its form.</p>");
    }

    @Test
    void linesBreakAndBlankLinesStartParagraphsAndDashLinesAreItems() {
        assertThat(mrkdwn.html("one\ntwo\r\n\nthree\n- a\n- b"))
                .isEqualTo("<p>one<br>two</p><p>three</p><ul><li>a</li><li>b</li></ul>");
    }

    @Test
    void preBlocksKeepTheirLinesAndAreNotFormatted() {
        assertThat(mrkdwn.html("before\n```\nline *1*\n  line 2\n```\nafter"))
                .isEqualTo("<p>before</p><pre>line *1*\n  line 2</pre><p>after</p>");
    }

    @Test
    void httpAndHttpsLinksBecomeAnchorsWithTheirLabel() {
        assertThat(mrkdwn.html("see <https://docs.example/a?b=1&c=2|the *docs*> or <http://x.example>"))
                .isEqualTo("<p>see <a href=\"https://docs.example/a?b=1&amp;c=2\" rel=\"noopener noreferrer\" target=\"_blank\">"
                        + "the <strong>docs</strong></a> or <a href=\"http://x.example\" rel=\"noopener noreferrer\" "
                        + "target=\"_blank\">http://x.example</a></p>");
    }

    @Test
    void otherSchemesStayVisibleText() {
        assertThat(mrkdwn.html("<javascript:alert(1)|click> <data:text/html,x|d> <mailto:a@b.c|mail>"))
                .isEqualTo("<p>&lt;javascript:alert(1)|click&gt; &lt;data:text/html,x|d&gt; &lt;mailto:a@b.c|mail&gt;</p>");
    }

    @Test
    void everyHtmlSpecialCharacterIsEscapedOnceAndEntitiesTypedByAPersonStayVisible() {
        // the neutral text is what was typed: a literal "&lt;" must show as "&lt;", not as "<"
        assertThat(mrkdwn.html("Tom & Jerry <3 \"quoted\" it's &lt;b&gt;"))
                .isEqualTo("<p>Tom &amp; Jerry &lt;3 &quot;quoted&quot; it&#39;s &amp;lt;b&amp;gt;</p>");
    }

    @Test
    void noTextGivesNoHtml() {
        assertThat(mrkdwn.html(null)).isEmpty();
        assertThat(mrkdwn.html("  \n ")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<script>alert(1)</script>",
            "*<script>alert(1)</script>*",
            "_<img src=x onerror=alert(1)>_",
            "`<img src=x onerror=alert(1)>`",
            "```<iframe src=\"https://evil.example\"></iframe>```",
            "• <svg onload=alert(1)>",
            "<javascript:alert(1)|*click me*>",
            "<JavaScript:alert(1)>",
            "<https://ok.example\" onmouseover=\"alert(1)|hover>",
            "<https://ok.example' onmouseover='alert(1)|hover>",
            "<https://ok.example|<img src=x onerror=alert(1)>>",
            "<https://a.example|x> \"><script>alert(1)</script>",
            "~</del><script>alert(1)</script>~",
            "*a* <a href=\"javascript:alert(1)\">b</a> _c_",
            "&lt;script&gt;alert(1)&lt;/script&gt;",
            "&#60;script&#62;",
    })
    void noTagOrAttributeFromUserTextReachesThePage(String attack) {
        String html = mrkdwn.html(attack);
        String userText = OWN_TAGS.matcher(html).replaceAll("");
        assertThat(userText).as(html).doesNotContain("<", ">", "\"", "'");
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img")
                .doesNotContainIgnoringCase("<svg").doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("href=\"javascript").doesNotContain("\" onmouseover");
    }

    @Test
    void aQuoteInsideALinkStaysEscapedInsideTheHrefAndASpaceEndsTheLink() {
        assertThat(mrkdwn.html("<https://ok.example\"onclick=\"x|go>"))
                .isEqualTo("<p><a href=\"https://ok.example&quot;onclick=&quot;x\" rel=\"noopener noreferrer\" "
                        + "target=\"_blank\">go</a></p>");
        assertThat(mrkdwn.html("<https://ok.example\" onclick=\"x|go>"))
                .isEqualTo("<p>&lt;https://ok.example&quot; onclick=&quot;x|go&gt;</p>");
    }
}
