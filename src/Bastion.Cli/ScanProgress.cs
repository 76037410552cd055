using System.Globalization;

namespace Bastion.Cli;

/// <summary>Progress on standard error: on a terminal one live line rewritten in place and cleared at the end; in a
/// log (standard error redirected) one line per compilation, so a CI log shows where the time went.</summary>
internal sealed class ScanProgress(TextWriter writer, bool live) : IScanProgress
{
    private readonly object gate = new();
    private int total;
    private int done;
    private int width;

    public void Status(string message) => Write(message);

    public void Start(int compilations)
    {
        lock (gate)
        {
            total = compilations;
            done = 0;
        }
    }

    public void Done(string name, int sourceFiles, TimeSpan elapsed)
    {
        int count;
        lock (gate)
        {
            count = ++done;
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"analysed {name} ({sourceFiles} C# file(s), {elapsed.TotalSeconds:0.0} s) [{count}/{total}]"));
    }

    public void Finish()
    {
        if (!live)
        {
            return;
        }

        lock (gate)
        {
            writer.Write("\r" + new string(' ', width) + "\r");
            writer.Flush();
            width = 0;
        }
    }

    private void Write(string message)
    {
        lock (gate)
        {
            if (live)
            {
                var line = "bastion: " + message;
                writer.Write("\r" + line.PadRight(width));
                width = Math.Max(width, line.Length);
            }
            else
            {
                writer.WriteLine("bastion: " + message);
            }

            writer.Flush();
        }
    }
}
