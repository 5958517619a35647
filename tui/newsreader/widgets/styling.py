"""Component classes laid one over another, as one concrete style, for what Textual's own
styling cannot take: Rich ``Text`` cells of a ``DataTable``, and the marks an
:class:`~newsreader.widgets.article_view.ArticleView` draws in several layers.

Where a widget renders ``Content``, use Textual's ``get_visual_style(name, partial=True)``
instead (the option lists do). It is no use for layers: it fades a half-opaque background
(it blends it from transparent black, so a 50% mark colour comes out at about 12%), and a
Rich style drops a colour's alpha. Here each layer's background is blended over the one
below it, starting from the widget's own background, and its text colour over that.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.color import Color
from textual.style import Style
from textual.widget import Widget


def layered_style(host: Widget, names: Iterable[str], background: Color) -> Style:
    """The component classes ``names`` of ``host`` drawn in order over ``background``;
    a class ``host`` does not declare is skipped (the text is drawn plainly)."""
    style = Style()
    colour = background
    for name in names:
        try:
            component = host.get_component_styles(name)
        except KeyError:
            continue
        if component.has_rule("background") and component.background.a > 0:
            colour = colour + component.background
            style += Style(background=colour)
        if component.has_rule("color") and component.color.a > 0:
            style += Style(foreground=colour + component.color)
        if component.has_rule("text_style"):
            style += Style.from_rich_style(component.text_style)
    return style


def component_style(widget: Widget, name: str) -> Style:
    """One component class of ``widget`` over the widget's background."""
    return layered_style(widget, (name,), widget.background_colors[1])
