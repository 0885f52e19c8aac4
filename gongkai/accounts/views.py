"""Sign-in pages: the lock-out page (django-axes), the second step of a sign-in and the enrolment
of a TOTP device. Who must do what is decided in policy.py; the devices are handled in services.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from . import policy, services
from .forms import CodeForm
from .landing import landing_url


class SignInView(LoginView):
    """Django's login; django-axes throttles it through its authentication backend."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # LoginView's site_name is the request's host name; base.html shows the site's own name.
        context.pop("site_name", None)
        return context

    def get_default_redirect_url(self):
        # No page named in ?next=: the queue of the user's role (accounts/landing.py).
        return landing_url(self.request.user)


def lockout_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out(request, response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the login page again, with the lock-out said in Chinese (429), for the
    staff login and for /admin/login/ alike; the password was not even checked."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    response = render(request, "registration/login.html", {
        "form": form, "locked_out": True, "lockout_minutes": lockout_minutes(),
        "next": request.POST.get("next") or request.GET.get("next", ""),
    }, status=429)
    response["Retry-After"] = str(lockout_minutes() * 60)  # the cool-off: an upper bound of the wait
    return response


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    if request.user.is_authenticated:
        return landing_url(request.user)
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@login_required
def verify(request):
    """Second step after the password, for a user with a confirmed device."""
    if policy.next_step(request.user) != policy.VERIFY:
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if services.verify(request, form.cleaned_data["code"]):
            return redirect(_next_url(request))
        form.add_error("code", "验证码不正确或已过期；输错后需稍等片刻再试")
    return render(request, "accounts/verify.html", {"form": form, "next": _next_url(request)})


@login_required
def two_factor(request):
    """The signed-in user's second factor: its state, or the enrolment (scan, then confirm a code)."""
    if policy.has_device(request.user):
        return render(request, "accounts/two_factor.html", {
            "enrolled": True, "required": policy.requires_second_factor(request.user)})
    device = services.pending_device(request.user)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if services.confirm(request, device, form.cleaned_data["code"]):
            messages.success(request, "双因素登录已启用：以后每次登录都需要输入身份验证器上的验证码")
            return redirect(_next_url(request))
        form.add_error("code", "验证码不正确：请确认手机时间准确，输入应用中当前显示的验证码；输错后需稍等片刻再试")
    return render(request, "accounts/two_factor.html", {
        "enrolled": False, "required": policy.requires_second_factor(request.user),
        "qr_svg": services.qr_svg(device), "secret": services.secret_text(device),
        "form": form, "next": _next_url(request),
    })
