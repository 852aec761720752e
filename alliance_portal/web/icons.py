"""The portal's icons beyond /favicon.ico, and the web-app manifest that names them.

Every icon is img/favicon.svg's design (white bold "AP" on the portal's blue), drawn by
`manage.py draw_icons` (alliance_portal/ops/icons.py) into the static files, where they
are committed. Pages link the Apple touch icon and the manifest; /apple-touch-icon.png
and /manifest.webmanifest answer outside the language prefix (web/views.py).
"""

from dataclasses import dataclass

from django.templatetags.static import static

NAME = "Alliance Portal"
SHORT_NAME = "Alliances"
# img/favicon.svg's blue and white.
BRAND_BLUE = "#0b5cad"
# The browser's bar above a page: the header's colour (site.css --bg) in either scheme.
THEME_COLOR_LIGHT = "#ffffff"
THEME_COLOR_DARK = "#0f131a"
# A page's background (site.css body), the splash screen of a home-screen shortcut.
BACKGROUND_COLOR = "#ffffff"


@dataclass(frozen=True)
class Icon:
    path: str  # under the static files
    size: int  # square, in pixels
    # "round": favicon.svg's rounded square on a transparent ground. "square": the same
    # blue to the edges, opaque (iOS and Android cut their own shape out of it).
    shape: str
    # "maskable": a launcher may cut any shape out of it (a "square" one: the letters
    # lie inside the central circle of 80 % that every mask shows).
    purpose: str = "any"

    @property
    def sizes(self):
        return f"{self.size}x{self.size}"


# iOS asks for 180 × 180 and shows transparency as black: opaque, to the edges.
APPLE_TOUCH_ICON = Icon("img/apple-touch-icon.png", 180, "square")
MANIFEST_ICONS = (
    Icon("img/icon-192.png", 192, "round"),
    Icon("img/icon-512.png", 512, "round"),
    Icon("img/icon-maskable-512.png", 512, "square", purpose="maskable"),
)
ICONS = (APPLE_TOUCH_ICON, *MANIFEST_ICONS)


def web_manifest():
    """The manifest as a dict. Icons by their static URL (hashed with the manifest
    storage, so browsers may keep them for ever); the start page is / (which sends a
    visitor on to their language)."""
    return {
        "name": NAME,
        "short_name": SHORT_NAME,
        "id": "/",
        "start_url": "/",
        "scope": "/",
        # A site to read and link to, not an app: addresses stay visible.
        "display": "browser",
        "theme_color": THEME_COLOR_LIGHT,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {
                "src": static(icon.path),
                "sizes": icon.sizes,
                "type": "image/png",
                "purpose": icon.purpose,
            }
            for icon in MANIFEST_ICONS
        ],
    }
