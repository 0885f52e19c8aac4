from django.contrib import admin

from gongkai.admin_mixins import ReadOnlyAdminMixin

from .models import (
    CatalogueNode,
    Comment,
    Consultation,
    Document,
    GazetteIssue,
    Interpretation,
    OrganUnit,
    PublicationEvent,
    StandardCatalogueItem,
    Subject,
)


@admin.register(Subject)
class SubjectAdmin(admin.ModelAdmin):
    list_display = ("path", "l1", "l2", "position")
    search_fields = ("path",)


class _TimeRuleAdmin(admin.ModelAdmin):
    """The structured 时限要求 (issue 17) follows the text edited here."""

    def save_model(self, request, obj, form, change):
        from .owners import rule_dict

        obj.time_rule = rule_dict(obj.time_limit)
        super().save_model(request, obj, form, change)


@admin.register(CatalogueNode)
class CatalogueNodeAdmin(_TimeRuleAdmin):
    list_display = ("title", "agency", "section", "item_code", "update_kind", "owner", "time_limit", "position")
    list_filter = ("section", "agency")


@admin.register(StandardCatalogueItem)
class StandardCatalogueItemAdmin(_TimeRuleAdmin):
    list_display = ("seq", "l1", "l2", "agency", "owner", "time_limit", "manner", "level")
    list_filter = ("agency",)


@admin.register(OrganUnit)
class OrganUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "note")
    list_filter = ("agency",)
    search_fields = ("name",)


class EventInline(admin.TabularInline):
    model = PublicationEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "kind", "actor", "note", "data")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only here: documents change only through the publication workflow (audited)."""

    list_display = ("title", "doc_no", "agency", "status", "validity", "published_at", "index_no")
    list_filter = ("status", "validity", "doc_type", "agency")
    search_fields = ("title", "doc_no", "index_no")
    inlines = [EventInline]


@admin.register(Interpretation)
class InterpretationAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "form", "by_leader", "published_at")
    filter_horizontal = ("documents",)


@admin.register(GazetteIssue)
class GazetteIssueAdmin(admin.ModelAdmin):
    list_display = ("__str__", "agency", "published_on")
    filter_horizontal = ("documents",)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "pdf":
            # Private storage: link through the gazette view (open to admins before publication).
            from django.urls import reverse

            from gongkai.files.widgets import PrivateFileInput

            kwargs["widget"] = PrivateFileInput(
                url_for=lambda f: reverse("public:gazette-pdf", args=[f.instance.pk]) if f.instance.pk else None)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class CommentInline(admin.TabularInline):
    model = Comment
    extra = 0
    fields = ("name", "body", "status", "submitted_at")
    readonly_fields = ("name", "body", "submitted_at")


@admin.register(Consultation)
class ConsultationAdmin(admin.ModelAdmin):
    list_display = ("title", "agency", "starts_on", "ends_on", "feedback_published_at")
    inlines = [CommentInline]
