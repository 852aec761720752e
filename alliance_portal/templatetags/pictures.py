"""`{% picture %}`: every image on the public site, as a responsive <picture>.

It reads the renditions' names and the image's size from the row (see
alliance_portal/uploads/renditions.py): rendering adds no query and no storage
access, however many images a page shows.
"""

from django import template

register = template.Library()

# The widest the content column gets (.page in site.css): images never need more.
CONTENT_WIDTH = "(min-width: 64rem) 61.5rem, calc(100vw - 2.5rem)"


@register.inclusion_tag("includes/_picture.html")
def picture(
    image, *, alt, box=None, sizes=CONTENT_WIDTH, css_class="", eager=False, priority=False
):
    """Show `image` (an image field's file) with `alt` text.

    `box`: the image is shown within a square of that many CSS pixels (logos), and
    `sizes` follows from it; otherwise `sizes` says how wide it is shown (default:
    the content column). `eager` for an image at the top of the page: loaded at
    once, not lazily; `priority` for the one the page is about (the hero): first.
    """
    responsive = image.picture
    width = height = None
    if responsive is not None:
        width, height = responsive.width, responsive.height
        if box:
            scale = box / max(width, height)
            width, height = max(1, round(width * scale)), max(1, round(height * scale))
            sizes = f"{width}px"
    return {
        "picture": responsive,
        "url": image.url,
        "alt": alt,
        "width": width,
        "height": height,
        "sizes": sizes,
        "css_class": css_class,
        "eager": eager,
        "priority": priority,
    }
