"""html_to_text and sanitize_html: what a reader of a job description sees."""

import pytest

from common.html_text import html_to_text
from discovery_service.web.html import sanitize_html


class TestHtmlToText:
    def test_paragraphs_are_separated_by_a_blank_line(self) -> None:
        assert html_to_text("<p>First  paragraph.</p><p>Second\n paragraph.</p>") == (
            "First paragraph.\n\nSecond paragraph."
        )

    def test_list_items_become_dash_lines_set_apart_from_paragraphs(self) -> None:
        html = "<p>You will:</p><ul><li> Build APIs </li><li>Ship <b>fast</b></li></ul><p>Thanks</p>"
        assert html_to_text(html) == "You will:\n\n- Build APIs\n- Ship fast\n\nThanks"

    def test_ordered_and_nested_lists(self) -> None:
        html = "<ol><li>One<ul><li>One a</li><li>One b</li></ul></li><li>Two</li></ol>"
        assert html_to_text(html) == "- One\n  - One a\n  - One b\n- Two"

    def test_br_is_a_line_break(self) -> None:
        assert html_to_text("<p>Line one<br>Line two<br/>Line three</p>") == "Line one\nLine two\nLine three"

    def test_headings_stand_in_their_own_paragraph(self) -> None:
        html = "Intro text<h2>About the role</h2>We build things.<h3>Perks</h3>"
        assert html_to_text(html) == "Intro text\n\nAbout the role\n\nWe build things.\n\nPerks"

    def test_scripts_styles_and_comments_are_dropped(self) -> None:
        html = "<style>p{color:red}</style><p>Visible<script>alert('x')</script></p><!-- hidden --><noscript>n</noscript>"
        assert html_to_text(html) == "Visible"

    def test_entities_are_decoded_exactly_once(self) -> None:
        # "&amp;lt;b&amp;gt;" is the text "<b>" escaped once more: it must stay visible as "&lt;b&gt;".
        assert html_to_text("<p>R&amp;D &amp;lt;b&amp;gt; caf&eacute; &#8364;5&nbsp;k</p>") == (
            "R&D &lt;b&gt; café €5 k"
        )

    def test_full_document_keeps_body_text_only(self) -> None:
        html = (
            "<!DOCTYPE html><html><head><title>Job</title><meta charset='utf-8'></head>"
            "<body><div>Senior Engineer</div>Remote</body></html>"
        )
        assert html_to_text(html) == "Senior Engineer\n\nRemote"

    def test_plain_text_is_whitespace_collapsed(self) -> None:
        assert html_to_text("  Just \t some\n\n  text  ") == "Just some text"

    def test_preformatted_text_keeps_its_lines(self) -> None:
        assert html_to_text("<pre>def f():\n    return 1</pre>") == "def f():\n    return 1"

    def test_table_rows_are_lines(self) -> None:
        html = "<table><tr><th>Salary</th><td>80k</td></tr><tr><th>Level</th><td>Senior</td></tr></table>"
        assert html_to_text(html) == "Salary 80k\nLevel Senior"

    def test_xml_declaration_and_control_characters_do_not_break_parsing(self) -> None:
        assert html_to_text('<?xml version="1.0" encoding="utf-8"?><p>a\x00b\x01</p>') == "ab"

    @pytest.mark.parametrize(
        "empty", ["", "   ", "<p> </p>", "<!-- only a comment -->", "<script>x()</script>"]
    )
    def test_empty_input_gives_empty_text(self, empty: str) -> None:
        assert html_to_text(empty) == ""

    def test_non_string_input_is_a_clear_error(self) -> None:
        with pytest.raises(TypeError, match="expects str"):
            html_to_text(b"<p>bytes</p>")  # type: ignore[arg-type]


class TestSanitizeHtml:
    def test_formatting_subset_is_kept(self) -> None:
        html = "<h2>Role</h2><p><strong>Bold</strong> <em>it</em> <b>b</b> <i>i</i><br></p><ul><li>x</li></ul><ol><li>y</li></ol><blockquote>q</blockquote><pre><code>c</code></pre>"
        assert sanitize_html(html) == html

    def test_links_keep_only_safe_href_and_get_rel(self) -> None:
        html = '<a href="https://jobs.example/apply" target="_blank" onclick="steal()">Apply</a>'
        assert sanitize_html(html) == '<a href="https://jobs.example/apply" rel="noopener nofollow">Apply</a>'

    @pytest.mark.parametrize(
        "href", ["javascript:alert(1)", "data:text/html,<script>x</script>", "vbscript:x"]
    )
    def test_dangerous_link_schemes_are_removed(self, href: str) -> None:
        assert sanitize_html(f'<a href="{href}">x</a>') == '<a rel="noopener nofollow">x</a>'

    def test_scripts_and_styles_vanish_with_their_content(self) -> None:
        assert sanitize_html("<p>ok</p><script>alert(1)</script><style>p{}</style>") == "<p>ok</p>"

    def test_other_tags_are_unwrapped_and_attributes_dropped(self) -> None:
        html = '<div class="x" style="color:red"><span>Hi</span><img src="x" onerror="alert(1)"><p id="p">t</p></div>'
        assert sanitize_html(html) == "Hi<p>t</p>"

    def test_event_handlers_never_survive(self) -> None:
        cleaned = sanitize_html(
            '<p onmouseover="x()">a</p><svg onload="x()"></svg><iframe src="https://evil"></iframe>'
        )
        assert cleaned == "<p>a</p>"
