"""Inline styles for Content spans, taken from a widget's component classes in the TCSS.

Content spans need a concrete style; the look still lives in ``styles/*.tcss`` as a
component class of the widget. Colours with alpha (``$text-muted``) are blended over the
widget's background here, since a partial rich style would drop the alpha.
"""

from __future__ import annotations

from textual.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    styles = widget.get_component_styles(name)
    _, background = widget.background_colors
    text_style = styles.text_style
    style_background = None
    if styles.has_rule("background") and styles.background.a > 0:
        background = background + styles.background
        style_background = background
    foreground = None
    if styles.has_rule("color") and styles.color.a > 0:
        foreground = background + styles.color
    return Style(
        background=style_background,
        foreground=foreground,
        bold=text_style.bold if styles.has_rule("text_style") else None,
        italic=text_style.italic if styles.has_rule("text_style") else None,
        underline=text_style.underline if styles.has_rule("text_style") else None,
        reverse=text_style.reverse if styles.has_rule("text_style") else None,
        strike=text_style.strike if styles.has_rule("text_style") else None,
        dim=text_style.dim if styles.has_rule("text_style") else None,
    )
