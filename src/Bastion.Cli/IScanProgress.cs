namespace Bastion.Cli;

/// <summary>What a scan says while it runs: a phase ("loading …"), then one report per compilation analysed.</summary>
internal interface IScanProgress
{
    void Status(string message);

    void Start(int compilations);

    void Done(string name, int sourceFiles, TimeSpan elapsed);

    void Finish();
}
