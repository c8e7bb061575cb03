package com.referralloop.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Slack mrkdwn of the neutral chat messages as safe HTML for the playground, the way Slack and Discord show it.
 *
 * <p>The neutral text is what a person typed: Slack's own {@code &amp; &lt; &gt;} escaping is added by the Slack
 * adapter only, so nothing is unescaped here. Everything is HTML-escaped first; the only markup in the result is
 * the fixed tags this class writes around already escaped text, so no tag or attribute of user text can get through.
 * Templates call it as {@code th:utext="${mrkdwn.html(text)}"} (the playground puts it in the model).
 */
@Component("mrkdwn")
public final class MrkdwnHtml {

    private static final Pattern PRE = Pattern.compile("```\\n?(.*?)\\n?```", Pattern.DOTALL);
    private static final Pattern CODE = Pattern.compile("`([^`\\n]+)`");
    /** {@code <https://x|label>} after escaping; the URL ends at white space, a bar or the closing bracket. */
    private static final Pattern LINK = Pattern.compile(
            "&lt;(https?://(?:(?!&gt;)[^\\s|])+)(?:\\|((?:(?!&gt;).)+))?&gt;", Pattern.CASE_INSENSITIVE);
    private static final Pattern ITEM = Pattern.compile("^\\s*(?:•|-)\\s+(.*)$");
    private static final Pattern BOLD = marker('*');
    private static final Pattern ITALIC = marker('_');
    private static final Pattern STRIKE = marker('~');

    /** The text as HTML: paragraphs, line breaks, lists, pre blocks and inline formatting; "" for no text. */
    public String html(String text) {
        if (text == null || text.isBlank()) {
            return "";
        }
        // UTF-8 mode escapes exactly & < > " ' and leaves "•" and the like as they are (the list marker stays readable)
        String escaped = HtmlUtils.htmlEscape(text.replace("\r\n", "\n"), "UTF-8");
        return around(PRE, escaped, MrkdwnHtml::blocks, pre -> "<pre>" + pre.group(1) + "</pre>");
    }

    /** The text with each match of the pattern written by {@code match} and the gaps between by {@code gap}. */
    private static String around(Pattern pattern, String escaped, Function<String, String> gap,
                                 Function<Matcher, String> match) {
        StringBuilder out = new StringBuilder();
        Matcher m = pattern.matcher(escaped);
        int at = 0;
        while (m.find()) {
            out.append(gap.apply(escaped.substring(at, m.start()))).append(match.apply(m));
            at = m.end();
        }
        return out.append(gap.apply(escaped.substring(at))).toString();
    }

    /** Blank lines end a paragraph; runs of "• " or "- " lines become a list. */
    private static String blocks(String escaped) {
        StringBuilder out = new StringBuilder();
        List<String> paragraph = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (String line : escaped.split("\n", -1)) {
            Matcher item = ITEM.matcher(line);
            if (line.isBlank()) {
                flush(paragraph, items, out);
            } else if (item.matches()) {
                flush(paragraph, List.of(), out);
                items.add(item.group(1));
            } else {
                flush(List.of(), items, out);
                paragraph.add(line);
            }
        }
        flush(paragraph, items, out);
        return out.toString();
    }

    private static void flush(List<String> paragraph, List<String> items, StringBuilder out) {
        if (!paragraph.isEmpty()) {
            out.append("<p>").append(String.join("<br>", paragraph.stream().map(MrkdwnHtml::inline).toList())).append("</p>");
            paragraph.clear();
        }
        if (!items.isEmpty()) {
            out.append("<ul>");
            items.forEach(i -> out.append("<li>").append(inline(i)).append("</li>"));
            out.append("</ul>");
            items.clear();
        }
    }

    /** Code spans first, so nothing inside them is read as a link or as emphasis. */
    private static String inline(String escaped) {
        return around(CODE, escaped, MrkdwnHtml::links, code -> "<code>" + code.group(1) + "</code>");
    }

    /** Only http and https become links: a javascript: or data: link stays visible text. */
    private static String links(String escaped) {
        return around(LINK, escaped, MrkdwnHtml::emphasis, link -> {
            String url = link.group(1);
            String label = link.group(2) == null ? url : emphasis(link.group(2));
            return "<a href=\"" + url + "\" rel=\"noopener noreferrer\" target=\"_blank\">" + label + "</a>";
        });
    }

    private static String emphasis(String escaped) {
        String s = BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
        s = ITALIC.matcher(s).replaceAll("<em>$1</em>");
        return STRIKE.matcher(s).replaceAll("<del>$1</del>");
    }

    /** As in Slack: the marker hugs the words and does not sit inside a word ({@code snake_case} stays). */
    private static Pattern marker(char marker) {
        String m = Pattern.quote(String.valueOf(marker));
        String not = "[^" + marker + "\\s]";
        return Pattern.compile("(?<![\\p{L}\\p{N}" + marker + "])" + m + "(" + not + "(?:[^" + marker + "\\n]*" + not + ")?)"
                + m + "(?![\\p{L}\\p{N}" + marker + "])");
    }
}
