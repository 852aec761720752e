"""The two staff roles, as Django groups: Editor and Publisher.

Editors write: they create and edit drafts and upload media. Publishers also
decide what the public sees: they publish, schedule, unpublish and delete
published content. The difference is the "publish" permission every
`Publishable` model has; the admin (PublishableAdmin) turns it into what each
role is shown and allowed, and refuses the rest on the server.

Each app's data migration calls `grant_role_permissions` for its own models,
so the groups follow the apps without this module naming any of them.
"""

from django.contrib.auth.management import create_permissions

EDITOR = "Editor"
PUBLISHER = "Publisher"

EDITING = ("add", "change", "delete", "view")


def grant_role_permissions(apps, app_label, *, content, publisher_only=()):
    """Give both roles the editing permissions on `content` models of `app_label`.

    Publishers also get "publish" where a model has it, and full rights on the
    `publisher_only` models. Meant for data migrations (`apps` is the migration
    state), where permissions do not exist yet on a fresh database.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    app_config = apps.get_app_config(app_label)
    # create_permissions skips app configs without a models module, which the
    # migration state's configs never have.
    app_config.models_module = True
    try:
        create_permissions(app_config, apps=apps, verbosity=0)
    finally:
        app_config.models_module = None

    def permissions(models, actions):
        codenames = [f"{action}_{model}" for model in models for action in actions]
        return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)

    editor, _ = Group.objects.get_or_create(name=EDITOR)
    publisher, _ = Group.objects.get_or_create(name=PUBLISHER)
    editor.permissions.add(*permissions(content, EDITING))
    publisher.permissions.add(*permissions(content, (*EDITING, "publish")))
    publisher.permissions.add(*permissions(publisher_only, EDITING))


def may_publish(user, model):
    """Whether `user` decides what the public sees of `model`'s items."""
    return user.has_perm(model.publish_permission())
