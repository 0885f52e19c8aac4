"""Read-only API over applications, through the same access door as the workbench. Personal data
(the name and identifiers typed into the free text) is masked for readers outside the handling organ;
every list page and every unmasked detail writes an AccessLog row."""

from django.urls import include, path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import routers, serializers, viewsets
from rest_framework.response import Response

from . import access, queries
from .models import Application


class ApplicationSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.code")
    agency_name = serializers.CharField(source="agency.name")
    name = serializers.SerializerMethodField()
    info_title = serializers.SerializerMethodField(label="所需信息名称", help_text="办理机关以外的读者看到脱敏后的文本")
    description = serializers.SerializerMethodField(label="所需信息的特征性描述",
                                                    help_text="办理机关以外的读者看到脱敏后的文本")
    status_label = serializers.CharField(source="get_status_display")
    outcome_label = serializers.SerializerMethodField()
    report_column = serializers.CharField()
    due_provisional = serializers.BooleanField(
        read_only=True, help_text="答复期限是否为暂定（跨入尚未录入确认节假日安排的年份，按法定节假日推算）")
    provisional_years = serializers.ListField(child=serializers.IntegerField(), read_only=True,
                                              help_text="暂定期限涉及的年份")
    due_earliest = serializers.DateField(read_only=True, help_text="最早可能的答复期限（提示按此计算）")

    class Meta:
        model = Application
        fields = [
            "id", "reference", "agency", "agency_name", "channel", "applicant_kind", "report_column", "name",
            "info_title", "description", "submitted_on", "received_on", "status", "status_label", "due_on",
            "due_provisional", "provisional_years", "due_earliest", "clock_state", "clock_problem", "outcome", "outcome_label", "decided_on", "concluded_on",
        ]

    def get_name(self, app) -> str:
        return access.shown_name(self.context["request"].user, app)

    def _text(self, app, field) -> str:
        value = getattr(app, field)
        user = self.context["request"].user
        return value if access.sees_personal_data(user, app) else access.mask_free_text(value, app)

    def get_info_title(self, app) -> str:
        return self._text(app, "info_title")

    def get_description(self, app) -> str:
        return self._text(app, "description")

    def get_outcome_label(self, app) -> str:
        return app.outcome_obj.label if app.outcome else ""


@extend_schema_view(list=extend_schema(summary="可查看的申请列表（支持与工作台相同的筛选参数）"),
                    retrieve=extend_schema(summary="申请详情"))
class ApplicationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        if self.action == "list":
            params = self.request.query_params.copy()
            params.setdefault("scope", "all")
            return queries.filtered(self.request.user, params)[0]
        return access.readable(self.request.user).select_related("agency")

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        apps = list(page if page is not None else queryset)
        data = self.get_serializer(apps, many=True).data
        access.log_bulk_read(request.user, "API申请列表", apps, query=request.META.get("QUERY_STRING", ""))
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request, *args, **kwargs):
        app = self.get_object()
        if access.sees_personal_data(request.user, app):
            access.log_read(request.user, app, "API查看申请")
        return Response(self.get_serializer(app).data)


router = routers.DefaultRouter()
router.register("applications", ApplicationViewSet, basename="application")
urlpatterns = [path("", include(router.urls))]
