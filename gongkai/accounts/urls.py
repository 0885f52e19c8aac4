from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("login/", views.SignInView.as_view(), name="login"),
    path("login/verify/", views.verify, name="login-verify"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/two-factor/", views.two_factor, name="two-factor"),
]
