"""Uploaded files: checked by content, stored without metadata, shown in responsive sizes.

- `containers` reads the structure of PNG, JPEG and WebP files without decoding pixels.
- `checks` decides whether an upload is accepted, with one specific message per refusal.
- `cleaning` re-encodes an accepted image without EXIF, XMP, ICC profile or comments.
- `renditions` makes and names the WebP and fallback sizes shown on pages.
- `fields` ties them to model and form fields: `PortalImageField` for every image
  (declared with its size and alt text by `ImageWithAltText`), `DocumentFileField`
  for attachments and documents.
- `maintenance` makes missing renditions and records unknown sizes of stored images.
"""
