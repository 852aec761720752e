"""Publishing: what makes content public, previewable and fast to serve.

- `models`: the publication rule (`published_q`, `PublicationQuerySet.published()`) and
  the `Publishable` base every public model inherits; the list indexes.
- `slugs`: stable slugs made from a title.
- `admin`: history and undo, the Editor and Publisher rules, publish actions, ordered
  inlines, the translation overview.
- `views`: staff previews, the keys-first paginator and list filters.
- `page_cache`: whole public pages cached until content changes.
- `review`, `review_admin`: changes to published items wait for a Publisher's approval;
  a save from an outdated form is refused. `presence`: who else has an item open.
- `roles`: the Editor and Publisher groups.
- `translation_status`: which English texts are missing.
"""
