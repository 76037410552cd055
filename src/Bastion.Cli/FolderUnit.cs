namespace Bastion.Cli;

/// <summary>One compilation of folder mode: a project and the files it owns, or the loose files outside every project
/// (<see cref="Project"/> null).</summary>
internal sealed record FolderUnit(string Name, string Folder, ProjectFile? Project, IReadOnlyList<string> Sources, IReadOnlyList<string> ConfigurationFiles);
