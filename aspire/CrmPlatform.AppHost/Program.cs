using CrmPlatform.AppHost;

return await AppHostCommand.RunAsync(args);
