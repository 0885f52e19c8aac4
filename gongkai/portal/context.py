from django.conf import settings


def site(request):
    conf = settings.GONGKAI
    return {"site_name": conf["SITE_NAME"], "site_id_code": conf["SITE_ID_CODE"], "site_icp": conf["ICP"]}
