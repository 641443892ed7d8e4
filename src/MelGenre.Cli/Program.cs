using System.CommandLine;

var root = new RootCommand("MelGenre: tell the genre of music from its sound.");
return root.Parse(args).Invoke();
