-- The schema the 14 migrations before the squash built (20261128040908_InitialCreate … 20261130021026_WaitingFor), as
-- `dotnet ef migrations script` printed it from them on 2026-11-30, before they were deleted. MigrationTests builds a
-- database from it to prove that the squashed migrations build the same schema and that such a database still opens.

CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "CalendarDays" (
    "Date" TEXT NOT NULL CONSTRAINT "PK_CalendarDays" PRIMARY KEY,
    "Kind" TEXT NOT NULL,
    "Name" TEXT NOT NULL
);

CREATE TABLE "Proposals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Proposals" PRIMARY KEY AUTOINCREMENT,
    "Year" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Level" TEXT NOT NULL,
    "Session" TEXT NOT NULL,
    "Number" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Content" TEXT NULL,
    "AssignedOn" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "LeadUnit" TEXT NULL,
    "CoUnits" TEXT NULL,
    "IsKey" INTEGER NOT NULL,
    "KeyDesignation" TEXT NULL,
    "State" TEXT NOT NULL,
    "LeaderId" INTEGER NULL,
    "SectionId" INTEGER NULL,
    "HandlerId" INTEGER NULL,
    "QualityNote" TEXT NULL,
    "Deadline" TEXT NULL,
    "DeadlineRule" TEXT NULL,
    "DeadlineExplanation" TEXT NULL,
    "OriginalDeadline" TEXT NULL,
    "ReturnWindowEndsOn" TEXT NULL,
    "FirstContactDueOn" TEXT NULL,
    "ReturnReason" TEXT NULL,
    "RepliedOn" TEXT NULL,
    "ClosedOn" TEXT NULL,
    "ReopenRound" INTEGER NOT NULL,
    "CurrentRoundStartedAt" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Sections" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Sections" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "DeputyDirectorId" INTEGER NULL
);

CREATE TABLE "Staff" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Staff" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Title" TEXT NULL,
    "Phone" TEXT NULL,
    "Roles" INTEGER NOT NULL,
    "SectionId" INTEGER NULL,
    "IsSignOffDelegate" INTEGER NOT NULL,
    "IsActive" INTEGER NOT NULL
);

CREATE TABLE "WorkMeetings" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_WorkMeetings" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Year" INTEGER NOT NULL,
    "Subject" TEXT NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "ProposalId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "FromState" TEXT NULL,
    "ToState" TEXT NULL,
    "Comment" TEXT NULL,
    CONSTRAINT "FK_AuditEntries_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "Commitment" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Commitment" PRIMARY KEY AUTOINCREMENT,
    "Description" TEXT NOT NULL,
    "OwnerSectionId" INTEGER NULL,
    "OwnerName" TEXT NULL,
    "DueOn" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Progress" TEXT NULL,
    "Evidence" TEXT NULL,
    "CompletedOn" TEXT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_Commitment_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Communication" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Communication" PRIMARY KEY AUTOINCREMENT,
    "Stage" TEXT NOT NULL,
    "Method" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Participants" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "RecordedById" INTEGER NOT NULL,
    "RecordedAt" INTEGER NOT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_Communication_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DeadlineExtension" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DeadlineExtension" PRIMARY KEY AUTOINCREMENT,
    "From" TEXT NOT NULL,
    "To" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ApprovedById" INTEGER NOT NULL,
    "ApprovedAt" INTEGER NOT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_DeadlineExtension_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Evaluation" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Evaluation" PRIMARY KEY AUTOINCREMENT,
    "Round" INTEGER NOT NULL,
    "Satisfaction" TEXT NOT NULL,
    "Comment" TEXT NULL,
    "EnteredByStaff" INTEGER NOT NULL,
    "RecordedById" INTEGER NULL,
    "RecordedAt" INTEGER NOT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_Evaluation_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ProposalTopic" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ProposalTopic" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_ProposalTopic_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Proposer" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Proposer" PRIMARY KEY AUTOINCREMENT,
    "Order" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Phone" TEXT NULL,
    "Unit" TEXT NULL,
    "Group" TEXT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_Proposer_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Reply" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Reply" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "Round" INTEGER NOT NULL,
    "Category" TEXT NULL,
    "Disclosure" TEXT NULL,
    "DisclosureReason" TEXT NULL,
    "Body" TEXT NOT NULL,
    "ContactLines" TEXT NULL,
    "CcList" TEXT NULL,
    "PublicSummary" TEXT NULL,
    "DraftedById" INTEGER NOT NULL,
    "DraftedAt" INTEGER NOT NULL,
    "ReviewedById" INTEGER NULL,
    "ReviewedAt" INTEGER NULL,
    "SignedById" INTEGER NULL,
    "SignedAt" INTEGER NULL,
    "DocumentNumber" TEXT NULL,
    "DocumentYear" INTEGER NULL,
    "DocumentSerial" INTEGER NULL,
    "IssuedOn" TEXT NULL,
    "PublishedAt" INTEGER NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_Reply_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_AuditEntries_ProposalId" ON "AuditEntries" ("ProposalId");

CREATE INDEX "IX_Commitment_ProposalId" ON "Commitment" ("ProposalId");

CREATE INDEX "IX_Commitment_Status_DueOn" ON "Commitment" ("Status", "DueOn");

CREATE INDEX "IX_Communication_ProposalId" ON "Communication" ("ProposalId");

CREATE INDEX "IX_DeadlineExtension_ProposalId" ON "DeadlineExtension" ("ProposalId");

CREATE INDEX "IX_Evaluation_ProposalId" ON "Evaluation" ("ProposalId");

CREATE INDEX "IX_Proposals_Deadline" ON "Proposals" ("Deadline");

CREATE INDEX "IX_Proposals_SectionId" ON "Proposals" ("SectionId");

CREATE UNIQUE INDEX "IX_Proposals_Session_Number" ON "Proposals" ("Session", "Number");

CREATE INDEX "IX_Proposals_Year_Deadline" ON "Proposals" ("Year", "Deadline");

CREATE INDEX "IX_Proposals_Year_State" ON "Proposals" ("Year", "State");

CREATE INDEX "IX_ProposalTopic_Name" ON "ProposalTopic" ("Name");

CREATE INDEX "IX_ProposalTopic_ProposalId" ON "ProposalTopic" ("ProposalId");

CREATE INDEX "IX_Proposer_Name" ON "Proposer" ("Name");

CREATE INDEX "IX_Proposer_ProposalId" ON "Proposer" ("ProposalId");

CREATE UNIQUE INDEX "IX_Reply_DocumentYear_DocumentSerial" ON "Reply" ("DocumentYear", "DocumentSerial");

CREATE INDEX "IX_Reply_ProposalId" ON "Reply" ("ProposalId");

CREATE UNIQUE INDEX "IX_Sections_Name" ON "Sections" ("Name");

CREATE INDEX "IX_WorkMeetings_Year" ON "WorkMeetings" ("Year");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128040908_InitialCreate', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
BEGIN SELECT RAISE(ABORT, '审计记录只能追加,不能修改'); END;

CREATE TRIGGER AuditEntries_NoDelete BEFORE DELETE ON AuditEntries
BEGIN SELECT RAISE(ABORT, '审计记录只能追加,不能删除'); END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128040919_AuditTrailAppendOnly', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "StaffMemberId" INTEGER NOT NULL,
    "MustChangePassword" INTEGER NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" INTEGER NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "IX_AspNetUsers_StaffMemberId" ON "AspNetUsers" ("StaffMemberId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128042306_Identity', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "Attachment" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Attachment" PRIMARY KEY AUTOINCREMENT,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "StoredName" TEXT NOT NULL,
    "UploadedById" INTEGER NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_Attachment_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Attachment_ProposalId" ON "Attachment" ("ProposalId");

CREATE UNIQUE INDEX "IX_Attachment_StoredName" ON "Attachment" ("StoredName");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128043604_Attachments', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Proposals" ADD "JointGroupId" INTEGER NULL;

CREATE TABLE "Chases" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Chases" PRIMARY KEY AUTOINCREMENT,
    "ChasedById" INTEGER NOT NULL,
    "ChasedByName" TEXT NOT NULL,
    "HandlerId" INTEGER NOT NULL,
    "Message" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    "ProposalId" INTEGER NULL,
    CONSTRAINT "FK_Chases_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Notices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Notices" PRIMARY KEY AUTOINCREMENT,
    "RecipientId" INTEGER NOT NULL,
    "ProposalId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "ReadAt" INTEGER NULL
);

CREATE INDEX "IX_Proposals_JointGroupId" ON "Proposals" ("JointGroupId");

CREATE INDEX "IX_Chases_ProposalId" ON "Chases" ("ProposalId");

CREATE INDEX "IX_Notices_RecipientId_ReadAt" ON "Notices" ("RecipientId", "ReadAt");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128045128_ChasesNoticesJointHandling', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "DeadlineNoticesSent" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DeadlineNoticesSent" PRIMARY KEY AUTOINCREMENT,
    "ProposalId" INTEGER NOT NULL,
    "Threshold" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL,
    "SentAt" INTEGER NOT NULL,
    CONSTRAINT "FK_DeadlineNoticesSent_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_DeadlineNoticesSent_ProposalId_Threshold_Deadline" ON "DeadlineNoticesSent" ("ProposalId", "Threshold", "Deadline");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128111716_DeadlineNoticesSent', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
DROP INDEX "IX_Reply_ProposalId";

DROP INDEX "IX_Proposer_ProposalId";

DROP INDEX "IX_ProposalTopic_ProposalId";

DROP INDEX "IX_Proposals_Year_State";

DROP INDEX "IX_Evaluation_ProposalId";

DROP INDEX "IX_Communication_ProposalId";

CREATE INDEX "IX_Reply_ProposalId_Kind_Round_SignedAt_Category_PublishedAt" ON "Reply" ("ProposalId", "Kind", "Round", "SignedAt", "Category", "PublishedAt");

CREATE INDEX "IX_Proposer_ProposalId_Order_Name" ON "Proposer" ("ProposalId", "Order", "Name");

CREATE INDEX "IX_ProposalTopic_ProposalId_Name" ON "ProposalTopic" ("ProposalId", "Name");

CREATE INDEX "IX_Proposals_Year_State_Deadline" ON "Proposals" ("Year", "State", "Deadline");

CREATE INDEX "IX_Proposals_Year_Title" ON "Proposals" ("Year", "Title");

CREATE INDEX "IX_Evaluation_ProposalId_Round_RecordedAt_Satisfaction" ON "Evaluation" ("ProposalId", "Round", "RecordedAt", "Satisfaction");

CREATE INDEX "IX_Communication_ProposalId_Method" ON "Communication" ("ProposalId", "Method");

CREATE INDEX "IX_Proposals_Year_Facts" ON "Proposals" ("Year", "Kind", "Level", "Role", "State", "IsKey", "Deadline", "ClosedOn", "SectionId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128111727_CoveringIndexesForListsAndFigures', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AnnualSummaries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AnnualSummaries" PRIMARY KEY AUTOINCREMENT,
    "Year" INTEGER NOT NULL,
    "Characteristics" TEXT NOT NULL,
    "Practices" TEXT NOT NULL,
    "KeyProposals" TEXT NOT NULL,
    "Difficulties" TEXT NOT NULL,
    "NextSteps" TEXT NOT NULL,
    "SignedOn" TEXT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_AnnualSummaries_Year" ON "AnnualSummaries" ("Year");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128112245_AnnualSummaries', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "ReplyDocuments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReplyDocuments" PRIMARY KEY AUTOINCREMENT,
    "ProposalId" INTEGER NOT NULL,
    "ReplyId" INTEGER NOT NULL,
    "Version" INTEGER NOT NULL,
    "DocumentNumber" TEXT NULL,
    "FileName" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    "Sha256" TEXT NOT NULL,
    "SignerId" INTEGER NOT NULL,
    "SignerName" TEXT NOT NULL,
    "SignedAt" INTEGER NOT NULL,
    "CertificateSubject" TEXT NOT NULL,
    "CertificateThumbprint" TEXT NOT NULL,
    CONSTRAINT "FK_ReplyDocuments_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ReplyDocuments_Reply_ReplyId" FOREIGN KEY ("ReplyId") REFERENCES "Reply" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_ReplyDocuments_ProposalId_Version" ON "ReplyDocuments" ("ProposalId", "Version");

CREATE INDEX "IX_ReplyDocuments_ReplyId" ON "ReplyDocuments" ("ReplyId");

CREATE TRIGGER ReplyDocuments_NoUpdate BEFORE UPDATE ON ReplyDocuments
BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;

CREATE TRIGGER ReplyDocuments_NoDelete BEFORE DELETE ON ReplyDocuments
BEGIN SELECT RAISE(ABORT, '签章答复函只能追加,不能修改或删除'); END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128112913_ReplyDocuments', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "RuleSettings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_RuleSettings" PRIMARY KEY,
    "Value" TEXT NOT NULL,
    "ChangedById" INTEGER NOT NULL,
    "ChangedByName" TEXT NOT NULL,
    "ChangedAt" INTEGER NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128115359_RuleSettings', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Evaluation" ADD "Attitude" TEXT NULL;

ALTER TABLE "Evaluation" ADD "FollowThrough" TEXT NULL;

ALTER TABLE "Evaluation" ADD "FormAttachmentId" INTEGER NULL;

ALTER TABLE "Evaluation" ADD "ProposerId" INTEGER NULL;

ALTER TABLE "Evaluation" ADD "Substance" TEXT NULL;

CREATE TABLE "EvaluationInvitations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EvaluationInvitations" PRIMARY KEY AUTOINCREMENT,
    "ProposalId" INTEGER NOT NULL,
    "ReplyId" INTEGER NOT NULL,
    "Round" INTEGER NOT NULL,
    "ProposerId" INTEGER NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "ProtectedToken" TEXT NOT NULL,
    "ExpiresOn" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_EvaluationInvitations_Proposals_ProposalId" FOREIGN KEY ("ProposalId") REFERENCES "Proposals" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_EvaluationInvitations_Reply_ReplyId" FOREIGN KEY ("ReplyId") REFERENCES "Reply" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Reply_PublishedAt_Kind" ON "Reply" ("PublishedAt", "Kind");

CREATE INDEX "IX_EvaluationInvitations_ProposalId" ON "EvaluationInvitations" ("ProposalId");

CREATE UNIQUE INDEX "IX_EvaluationInvitations_ReplyId_ProposerId" ON "EvaluationInvitations" ("ReplyId", "ProposerId");

CREATE UNIQUE INDEX "IX_EvaluationInvitations_TokenHash" ON "EvaluationInvitations" ("TokenHash");

CREATE VIRTUAL TABLE PublicSearch USING fts5(Text, tokenize = 'unicode61');

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261128115822_PublicationAndEvaluationLinks', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "AuditEntries" ADD "Hash" TEXT NULL;

CREATE TABLE "AdminAuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AdminAuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "ActorId" INTEGER NULL,
    "ActorName" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Before" TEXT NULL,
    "After" TEXT NULL,
    "Hash" TEXT NULL
);

CREATE INDEX "IX_AdminAuditEntries_At" ON "AdminAuditEntries" ("At");

DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;

CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
WHEN OLD.Hash IS NOT NULL OR NEW.Hash IS NULL OR NEW.Id IS NOT OLD.Id OR NEW.ProposalId IS NOT OLD.ProposalId OR NEW.At IS NOT OLD.At OR NEW.ActorId IS NOT OLD.ActorId OR NEW.ActorName IS NOT OLD.ActorName OR NEW.Action IS NOT OLD.Action OR NEW.FromState IS NOT OLD.FromState OR NEW.ToState IS NOT OLD.ToState OR NEW.Comment IS NOT OLD.Comment
BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;

CREATE TRIGGER AdminAuditEntries_NoUpdate BEFORE UPDATE ON AdminAuditEntries
WHEN OLD.Hash IS NOT NULL OR NEW.Hash IS NULL OR NEW.Id IS NOT OLD.Id OR NEW.At IS NOT OLD.At OR NEW.ActorId IS NOT OLD.ActorId OR NEW.ActorName IS NOT OLD.ActorName OR NEW.Action IS NOT OLD.Action OR NEW.Target IS NOT OLD.Target OR NEW.Before IS NOT OLD.Before OR NEW.After IS NOT OLD.After
BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能修改'); END;

CREATE TRIGGER AdminAuditEntries_NoDelete BEFORE DELETE ON AdminAuditEntries
BEGIN SELECT RAISE(ABORT, '审计记录只能追加，不能删除'); END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130004347_AuditHashChain', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "ReplyDocuments" ADD "PrintsEvaluationLink" INTEGER NOT NULL DEFAULT 1;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130004538_LettersWithoutEvaluationLinks', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Proposals" ADD "WaitingForRole" TEXT NOT NULL DEFAULT 'Nobody';

ALTER TABLE "Proposals" ADD "WaitingForSectionId" INTEGER NULL;

UPDATE Proposals SET
    WaitingForRole = CASE
        WHEN State IN ('Registered', 'Accepted', 'ReturnRequested', 'Replied', 'Evaluated', 'OpinionSent') THEN 'Office'
        WHEN State = 'Closed' AND Role = 'Lead' AND EXISTS (
            SELECT 1 FROM Reply r WHERE r.ProposalId = Proposals.Id AND r.Round = Proposals.ReopenRound + 1
                AND r.SignedAt IS NOT NULL AND r.PublishedAt IS NULL AND COALESCE(r.Disclosure, '') <> 'Withhold'
                AND r.Id = (SELECT MAX(c.Id) FROM Reply c WHERE c.ProposalId = Proposals.Id AND c.Round = Proposals.ReopenRound + 1))
            THEN 'Office'
        WHEN State = 'InProgress' AND SectionId IS NOT NULL THEN 'Section'
        WHEN State IN ('Drafted', 'Reopened') AND Role = 'Lead' AND SectionId IS NOT NULL THEN 'Section'
        WHEN State = 'UnderReview' AND Role = 'Lead' AND SectionId IS NOT NULL THEN 'DeputyInCharge'
        WHEN State = 'AwaitingSignOff' AND Role = 'Lead' THEN 'Signer'
        ELSE 'Nobody'
    END,
    WaitingForSectionId = CASE
        WHEN State = 'InProgress' AND SectionId IS NOT NULL THEN SectionId
        WHEN State IN ('Drafted', 'Reopened', 'UnderReview') AND Role = 'Lead' THEN SectionId
        ELSE NULL
    END;

CREATE INDEX "IX_Proposals_WaitingForRole_WaitingForSectionId" ON "Proposals" ("WaitingForRole", "WaitingForSectionId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261130021026_WaitingFor', '10.0.15');

COMMIT;

