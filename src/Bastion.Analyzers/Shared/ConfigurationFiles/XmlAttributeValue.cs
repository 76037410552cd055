using System.Collections.Generic;

namespace Bastion.Analyzers.Shared.ConfigurationFiles;

/// <summary>An attribute of an XML element: the element, its ancestors, the attribute and the exact value span.</summary>
internal readonly struct XmlAttributeValue
{
    public XmlAttributeValue(string elementPath, string element, string name, string value, int start, int length, IReadOnlyDictionary<string, string> siblings, bool isElementText = false)
    {
        IsElementText = isElementText;
        ElementPath = elementPath;
        Element = element;
        Name = name;
        Value = value;
        Start = start;
        Length = length;
        Siblings = siblings;
    }

    /// <summary>Ancestor elements joined with <c>/</c>: <c>configuration/appSettings/add</c>.</summary>
    public string ElementPath { get; }

    public string Element { get; }

    public string Name { get; }

    /// <summary>The value with the five XML entities and character references decoded.</summary>
    public string Value { get; }

    public int Start { get; }

    public int Length { get; }

    /// <summary>The text of an element that holds only text (<c>&lt;Password&gt;…&lt;/Password&gt;</c>), not an
    /// attribute; <see cref="Name"/> is then the element's name.</summary>
    public bool IsElementText { get; }

    /// <summary>All attributes of the same element, decoded (to read <c>key</c> beside <c>value</c>).</summary>
    public IReadOnlyDictionary<string, string> Siblings { get; }
}
