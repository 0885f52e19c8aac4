from django import forms

from gongkai.websites.sites import MAX_LIST_BYTES, BadList, parse_sites


class CrawlForm(forms.Form):
    """Start a crawl: the year and the list of websites (a CSV upload, or the last list used)."""

    year = forms.IntegerField(label="报告年度", min_value=2008, max_value=2100)
    sites = forms.FileField(
        label="网站清单（CSV）", required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv", "aria-describedby": "id_sites_help"}),
    )
    reuse = forms.BooleanField(label="使用上次的网站清单", required=False)

    def __init__(self, *args, last_sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.last_sites = last_sites or []
        if not self.last_sites:
            del self.fields["reuse"]

    def clean_sites(self):
        upload = self.cleaned_data.get("sites")
        if not upload:
            return None
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("请上传 CSV 文件（.csv）")
        if upload.size > MAX_LIST_BYTES:
            raise forms.ValidationError("网站清单超过 2 MB")
        try:
            return parse_sites(upload.read())
        except BadList as e:
            raise forms.ValidationError(str(e)) from None

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        if cleaned.get("sites"):
            cleaned["list"] = cleaned["sites"]
        elif cleaned.get("reuse") and self.last_sites:
            cleaned["list"] = self.last_sites
        else:
            raise forms.ValidationError("请上传网站清单，或选择使用上次的网站清单")
        return cleaned
