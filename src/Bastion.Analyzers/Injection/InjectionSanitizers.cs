using System.Collections.Immutable;
using Bastion.Analyzers.Dataflow;
using K = Bastion.Analyzers.Injection.InjectionKinds;

namespace Bastion.Analyzers.Injection;

/// <summary>The injection family's sanitizers, one line per API: the sink kinds its result is safe for. An encoder is
/// safe only where its encoding is the one the sink decodes: HTML encoding protects a page, not a query.</summary>
internal static class InjectionSanitizers
{
    private const ulong Markup = K.Html | K.Header;

    public static readonly ImmutableArray<SanitizerEntry> All = ImmutableArray.Create(
        // HTML and attribute encoders: safe in a page; no line breaks left for a header.
        new SanitizerEntry(Markup, new ApiMember("System.Web.HttpUtility", "HtmlEncode,HtmlAttributeEncode,JavaScriptStringEncode")),
        new SanitizerEntry(Markup, new ApiMember("System.Net.WebUtility", "HtmlEncode")),
        new SanitizerEntry(Markup, new ApiMember("System.Web.HttpServerUtility", "HtmlEncode", derived: true)),
        new SanitizerEntry(Markup, new ApiMember("System.Web.HttpServerUtilityBase", "HtmlEncode", derived: true)),
        new SanitizerEntry(Markup, new ApiMember("System.Text.Encodings.Web.TextEncoder", "Encode", derived: true)),
        new SanitizerEntry(Markup, new ApiMember("System.Web.Security.AntiXss.AntiXssEncoder", "HtmlEncode,HtmlAttributeEncode,HtmlFormUrlEncode,UrlEncode")),

        // URL encoders: nothing left that breaks out of a header, a cookie or a page.
        new SanitizerEntry(Markup, new ApiMember("System.Web.HttpUtility", "UrlEncode,UrlPathEncode")),
        new SanitizerEntry(Markup, new ApiMember("System.Net.WebUtility", "UrlEncode")),
        new SanitizerEntry(Markup, new ApiMember("System.Uri", "EscapeDataString,EscapeUriString")),
        new SanitizerEntry(Markup, new ApiMember("System.Web.HttpServerUtility", "UrlEncode,UrlPathEncode", derived: true)),

        // XML escaping: quotes and brackets cannot end an XPath string literal.
        new SanitizerEntry(K.XPath | K.Html, new ApiMember("System.Security.SecurityElement", "Escape")),

        // A number capped by a constant is not the attacker's to choose.
        new SanitizerEntry(K.Amount, new ApiMember("System.Math", "Min,Clamp")),

        // A file name without its folders cannot leave the folder it is combined with.
        new SanitizerEntry(K.Path, new ApiMember("System.IO.Path", "GetFileName,GetFileNameWithoutExtension,GetRandomFileName")));

    /// <summary>Conditions that validate a value for the family (a local URL), as bool methods.</summary>
    public static readonly ImmutableArray<SanitizerEntry> Validators = ImmutableArray.Create(
        new SanitizerEntry(K.Redirect, new ApiMember("Microsoft.AspNetCore.Mvc.IUrlHelper", "IsLocalUrl", derived: true)),
        new SanitizerEntry(K.Redirect, new ApiMember("Microsoft.AspNetCore.Mvc.UrlHelperExtensions", "IsLocalUrl")),
        new SanitizerEntry(K.Redirect, new ApiMember("System.Web.Mvc.UrlHelper", "IsLocalUrl", derived: true)));
}
