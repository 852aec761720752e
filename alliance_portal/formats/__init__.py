"""Date formats of the public pages where Django's locale defaults differ from how a
press release writes them (`FORMAT_MODULE_PATH`)."""
