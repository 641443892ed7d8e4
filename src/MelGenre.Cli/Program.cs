using MelGenre.Cli;

return MelGenreCli.Run(args, Console.Out, Console.Error);
