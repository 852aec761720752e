/*
 * Translation tabs (django-modeltranslation) open on German on every admin page, new
 * inline rows included: German is the default language that every text needs, English
 * may follow. (modeltranslation would open the tab of the admin's own language.)
 * Read by modeltranslation when the page is ready; this file loads before that.
 */
"use strict";
window.MODELTRANSLATION_AUTO_SELECT_CURRENT_LANGUAGE = false;
