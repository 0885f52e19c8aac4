"""Shared Django-admin pieces. The admin is for configuration; records that change only through
audited services are shown read-only."""


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
