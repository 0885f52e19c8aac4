"""Read-only open-data API (开放数据): published documents, the catalogue and interpretations.
No login; only what public_documents() admits ever appears; paginated."""

from django.db.models import Exists, OuterRef
from django.urls import include, path
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import permissions, routers, serializers, viewsets

from gongkai.ops.ratelimits import OpenApiRateLimited

from .access import public_documents
from .models import CatalogueNode, Interpretation


@extend_schema_serializer(deprecate_fields=["doc_no"])
class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    index_no = serializers.CharField()
    title = serializers.CharField()
    doc_number = serializers.CharField(source="doc_no", help_text="发文字号（可为空）")
    doc_no = serializers.CharField(help_text="已弃用：同 doc_number，将在后续版本移除")
    issuers = serializers.CharField()
    publisher = serializers.CharField(source="agency.name")
    publisher_code = serializers.CharField(source="agency.code")
    signed_on = serializers.DateField(allow_null=True)
    published_at = serializers.DateTimeField()
    validity = serializers.CharField()
    validity_label = serializers.CharField(source="get_validity_display")
    replaced_by = serializers.IntegerField(source="replaced_by_id", allow_null=True)
    subject = serializers.CharField()
    doc_type = serializers.CharField()
    keywords = serializers.CharField()
    summary = serializers.CharField()
    body = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, doc) -> str:
        return f"/gk/docs/{doc.pk}/"


class CatalogueNodeSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    section_label = serializers.CharField(source="get_section_display")
    # Declared explicitly so the schema does not depend on the database's integer range.
    position = serializers.IntegerField(read_only=True)

    class Meta:
        model = CatalogueNode
        fields = ["id", "agency", "parent", "section", "section_label", "item_code", "title", "position"]


class InterpretationSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Interpretation
        fields = ["id", "agency", "title", "form", "by_leader", "body", "published_at", "documents"]

    def get_documents(self, interp) -> list[int]:
        return list(public_documents().filter(interpretations=interp).values_list("pk", flat=True))


class Open(OpenApiRateLimited):  # rate-limited per client address (GONGKAI_RATE_OPEN_API), 429 in Chinese
    permission_classes = [permissions.AllowAny]
    authentication_classes = []


@extend_schema_view(list=extend_schema(summary="已主动公开的政府信息", parameters=[
    OpenApiParameter("agency", str, description="发布机构简码"),
    OpenApiParameter("validity", str, description="in_force / amended / repealed / expired"),
    OpenApiParameter("doc_type", str, description="文种"),
]), retrieve=extend_schema(summary="一条政府信息"))
class DocumentViewSet(Open, viewsets.ReadOnlyModelViewSet):
    serializer_class = DocumentSerializer

    def get_queryset(self):
        qs = public_documents().select_related("agency").order_by("-published_at", "-id")
        params = self.request.query_params
        if params.get("agency"):
            qs = qs.filter(agency__code=params["agency"])
        if params.get("validity"):
            qs = qs.filter(validity=params["validity"])
        if params.get("doc_type"):
            qs = qs.filter(doc_type=params["doc_type"])
        return qs


@extend_schema_view(list=extend_schema(summary="公开目录栏目", parameters=[
    OpenApiParameter("agency", str, description="机关简码")]), retrieve=extend_schema(summary="一个栏目"))
class CatalogueViewSet(Open, viewsets.ReadOnlyModelViewSet):
    serializer_class = CatalogueNodeSerializer

    def get_queryset(self):
        qs = CatalogueNode.objects.select_related("agency").order_by("agency__path", "section", "position", "id")
        if self.request.query_params.get("agency"):
            qs = qs.filter(agency__code=self.request.query_params["agency"])
        return qs


@extend_schema_view(list=extend_schema(summary="政策解读"), retrieve=extend_schema(summary="一篇政策解读"))
class InterpretationViewSet(Open, viewsets.ReadOnlyModelViewSet):
    serializer_class = InterpretationSerializer

    def get_queryset(self):
        public = public_documents().filter(interpretations=OuterRef("pk"))
        return (Interpretation.objects.filter(published_at__isnull=False).filter(Exists(public))
                .select_related("agency").order_by("-published_at", "-id"))


router = routers.DefaultRouter()
router.register("documents", DocumentViewSet, basename="open-document")
router.register("catalogue", CatalogueViewSet, basename="open-catalogue")
router.register("interpretations", InterpretationViewSet, basename="open-interpretation")
urlpatterns = [path("", include(router.urls))]
