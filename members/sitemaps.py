from alliance_portal.web.sitemaps import PortalSitemap

from .models import Organisation


class OrganisationSitemap(PortalSitemap):
    changefreq = "monthly"

    def items(self):
        return Organisation.objects.published().order_by("pk")

    def lastmod(self, organisation):
        return organisation.updated_at


SITEMAPS = {"organisations": OrganisationSitemap}
