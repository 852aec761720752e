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


def organization_data(
    request,
    item,
    *,
    description="",
    alternate_name="",
    founded_on=None,
    founding_place="",
    members=None,
    member_of=None,
    identifiers=(),
    lei_code="",
):
    """schema.org Organization for an alliance or an organisation.

    `item` has a name, a URL, a logo and a website; `members` and `member_of` are the
    alliances or organisations it lists (each named and linked). `identifiers` are its
    entries in public registers, each with a `scheme`, a `value` and the `url` of its
    public record (`members.identifiers.identifiers_of`): each becomes an `identifier`
    (a PropertyValue) and its URL one of `sameAs`; `lei_code` is its LEI.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": item.name,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }
    if description:
        data["description"] = description
    for key, others in (("member", members), ("memberOf", member_of)):
        if others is not None:
            data[key] = [
                {
                    "@type": "Organization",
                    "name": other.name,
                    "url": request.build_absolute_uri(other.get_absolute_url()),
                }
                for other in others
            ]
    if alternate_name:
        data["alternateName"] = alternate_name
    if founded_on:
        data["foundingDate"] = founded_on.isoformat()
    if founding_place:
        data["foundingLocation"] = {"@type": "Place", "name": founding_place}
    if item.logo:
        data["logo"] = request.build_absolute_uri(item.logo.url)
    if identifiers:
        data["identifier"] = [
            {"@type": "PropertyValue", "propertyID": entry.scheme, "value": entry.value}
            for entry in identifiers
        ]
    if lei_code:
        data["leiCode"] = lei_code
    same_as = ([item.website] if item.website else []) + [entry.url for entry in identifiers]
    if same_as:
        data["sameAs"] = same_as
    return data
