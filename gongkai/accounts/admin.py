"""Second-factor devices in Django admin: who has one, and deleting one when a phone is lost (the
user then enrols again). Never the key or its QR code, and no adding or editing here."""

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AuthenticatorDevice

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)  # django-otp's own admin shows keys and QR codes, in English


@admin.register(AuthenticatorDevice)
class AuthenticatorDeviceAdmin(admin.ModelAdmin):
    list_display = ("owner", "state", "created", "last_used")
    fields = readonly_fields = list_display
    search_fields = ("user__username", "user__first_name", "user__last_name")
    list_select_related = ("user",)

    @admin.display(description="用户", ordering="user__username")
    def owner(self, obj):
        return f"{obj.user.get_full_name() or obj.user.username}（{obj.user.username}）"

    @admin.display(description="状态", ordering="confirmed")
    def state(self, obj):
        return "已启用" if obj.confirmed else "设置中（尚未确认）"

    @admin.display(description="设置时间", ordering="created_at")
    def created(self, obj):
        return obj.created_at

    @admin.display(description="最近使用", ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at or "—"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
