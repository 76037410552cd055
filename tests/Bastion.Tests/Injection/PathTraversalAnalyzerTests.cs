using System.Threading.Tasks;
using Bastion.Tests.Infrastructure;
using Xunit;
using Verifier = Bastion.Tests.Infrastructure.AnalyzerVerifier<Bastion.Analyzers.Injection.PathTraversalAnalyzer>;

namespace Bastion.Tests.Injection;

public sealed class PathTraversalAnalyzerTests
{
    private static Task Verify(string source) => Verifier.Test(source).WithReferences(StubLibraries.SystemWeb).RunAsync();

    [Fact]
    public Task EverySinkForm_Reports() => Verify("""
        using System;
        using System.IO;
        class C
        {
            void M()
            {
                var name = Console.ReadLine()!;
                File.Exists([|"/srv/uploads/" + name|]);
                File.ReadAllText([|Path.Combine("/srv/uploads", name)|]);
                File.Copy([|name|], "/tmp/copy");
                File.WriteAllText([|name|], "contents");
                Directory.GetFiles([|name|]);
                using var reader = new StreamReader([|name|]);
                using var stream = new FileStream([|name|], FileMode.Open);
                _ = new FileInfo([|name|]);
            }
        }
        """);

    [Fact]
    public Task FileNamesAndContents_DoNotReport() => Verify("""
        using System;
        using System.IO;
        class C
        {
            void M()
            {
                var input = Console.ReadLine()!;
                File.ReadAllText(Path.Combine("/srv/uploads", Path.GetFileName(input)));
                File.WriteAllText("/srv/log.txt", input);
                File.Exists("/srv/uploads/readme.txt");
            }
        }
        """);

    [Fact]
    public Task ACommandLineToolOpeningThePathItIsGiven_DoesNotReport() => Verifier.Test("""
        using System.IO;
        static class Tool
        {
            static int Main(string[] args)
            {
                var input = args.Length > 0 ? args[0] : ".";
                foreach (var file in Directory.EnumerateFiles(input, "*.cs"))
                {
                    File.WriteAllText(Path.ChangeExtension(file, ".bak"), File.ReadAllText(file));
                }

                return 0;
            }
        }
        """).RunAsync();

    [Fact]
    public Task ACommandLineToolStartedByLessTrustedCode_ReportsWhenConfigured() => Verifier.Test("""
        using System.IO;
        static class Tool
        {
            static void Main(string[] args) => File.Delete([|Path.Combine("/srv/uploads", args[0])|]);
        }
        """).WithGlobalConfig("bastion.dataflow.command_line_is_untrusted = true").RunAsync();
}
