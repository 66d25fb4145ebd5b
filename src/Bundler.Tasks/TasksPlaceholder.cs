namespace Bundler.Tasks;

/// <summary>The MSBuild tasks land here; the project builds from day one.</summary>
internal static class TasksPlaceholder
{
}
