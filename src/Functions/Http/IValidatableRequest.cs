namespace CustomerPortal.Functions.Http;

/// <summary>A JSON request body that checks its own fields before any service sees it.</summary>
public interface IValidatableRequest
{
    void Validate(ValidationErrors errors);
}
