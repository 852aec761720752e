"""Site-wide request handling that belongs to no app.

- `search`, `search_index`: site search and its PostgreSQL vectors and indexes.
- `middleware`: /healthz, the 503 page, the Content-Security-Policy per response.
- `login_protection`: how django-axes counts and answers admin logins.
- `feeds`: the base of every RSS and Atom feed.
- `sitemaps`: the sitemap index and its pages, collected from the apps.
- `structured_data`: schema.org JSON-LD of pages.
- `branding`: alliances' brand colours, their contrast rule and /brand.css.
- `share_images`: the 1200 × 630 sharing images of statements and alliances.
- `views`: the search page, robots.txt, /favicon.ico and /brand.css.
"""
