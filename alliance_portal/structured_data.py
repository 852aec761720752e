"""schema.org descriptions of pages, rendered as JSON-LD by the `json_ld` tag."""


def news_article_data(
    request, *, headline, description, published, modified, url, publishers, image=None
):
    """schema.org NewsArticle for a news item or a press statement."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline[:110],
        "description": description,
        "datePublished": published.isoformat(),
        "dateModified": max(published, modified).isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(url),
        "inLanguage": request.LANGUAGE_CODE,
        "publisher": [{"@type": "Organization", "name": name} for name in publishers]
        or {"@type": "Organization", "name": "Alliance Portal"},
    }
    if image:
        data["image"] = [request.build_absolute_uri(image)]
    return data
