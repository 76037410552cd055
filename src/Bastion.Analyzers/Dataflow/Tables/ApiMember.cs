namespace Bastion.Analyzers.Dataflow;

/// <summary>Members of one library type, as a table line names them: the type's metadata name, the member names
/// (comma-separated; <c>.ctor</c> for constructors, <c>this[]</c> for an indexer), and whether subclasses and
/// implementations count (<c>DbCommand.CommandText</c> is also <c>SqlCommand.CommandText</c>).</summary>
internal readonly struct ApiMember
{
    public ApiMember(string type, string members, bool derived = false)
    {
        Type = type;
        Members = members.Split(',');
        Derived = derived;
    }

    public string Type { get; }

    public string[] Members { get; }

    public bool Derived { get; }

    public const string Constructor = ".ctor";

    public const string Indexer = "this[]";
}
