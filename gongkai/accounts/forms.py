from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="6 位验证码", max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "pattern": "[0-9 ]*", "autofocus": True}),
        help_text="打开手机上的身份验证器应用，输入当前显示的 6 位数字",
    )

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("请输入 6 位数字验证码")
        return code
