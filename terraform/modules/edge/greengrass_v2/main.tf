# AWS IoT Greengrass v2 foundation for edge ML inference: a thing group to
# target deployments at, the token exchange role and role alias that core
# devices use for AWS credentials, an IoT policy, and an S3 bucket for
# component artifacts and (quantized) models.

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  role_alias_name = "${var.name}-token-exchange"
  readable_buckets = concat(
    [aws_s3_bucket.artifacts.arn],
    var.model_bucket_arns,
  )
}

################################################################################
# Thing group and things
################################################################################

resource "aws_iot_thing_group" "this" {
  name = var.name

  properties {
    description = "Greengrass core devices of ${var.name}"

    attribute_payload {
      attributes = var.thing_group_attributes
    }
  }

  tags = var.tags
}

resource "aws_iot_thing" "this" {
  for_each = toset(var.thing_names)

  name = each.value
}

resource "aws_iot_thing_group_membership" "this" {
  for_each = aws_iot_thing.this

  thing_name       = each.value.name
  thing_group_name = aws_iot_thing_group.this.name
}

################################################################################
# Artifact bucket (components and models)
################################################################################

resource "aws_s3_bucket" "artifacts" {
  bucket        = var.artifact_bucket_name
  force_destroy = var.artifact_bucket_force_destroy

  tags = var.tags
}

resource "aws_s3_bucket_versioning" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "artifacts" {
  bucket = aws_s3_bucket.artifacts.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

################################################################################
# Token exchange role and role alias
################################################################################

data "aws_iam_policy_document" "token_exchange_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["credentials.iot.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "token_exchange" {
  name               = "${var.name}-token-exchange"
  assume_role_policy = data.aws_iam_policy_document.token_exchange_assume.json

  tags = var.tags
}

data "aws_iam_policy_document" "token_exchange" {
  statement {
    sid       = "ReadArtifactsAndModels"
    actions   = ["s3:GetObject", "s3:GetBucketLocation"]
    resources = flatten([for arn in local.readable_buckets : [arn, "${arn}/*"]])
  }

  dynamic "statement" {
    for_each = var.enable_cloudwatch_logs ? [1] : []

    content {
      sid = "ShipLogs"
      actions = [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:DescribeLogStreams",
      ]
      resources = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/greengrass/*"]
    }
  }
}

resource "aws_iam_role_policy" "token_exchange" {
  name   = "greengrass-components"
  role   = aws_iam_role.token_exchange.id
  policy = data.aws_iam_policy_document.token_exchange.json
}

resource "aws_iam_role_policy_attachment" "token_exchange" {
  for_each = toset(var.token_exchange_policy_arns)

  role       = aws_iam_role.token_exchange.name
  policy_arn = each.value
}

resource "aws_iot_role_alias" "this" {
  alias               = local.role_alias_name
  role_arn            = aws_iam_role.token_exchange.arn
  credential_duration = var.role_alias_credential_duration
}

################################################################################
# IoT policy for core devices
################################################################################

data "aws_iam_policy_document" "iot" {
  statement {
    sid       = "Connect"
    actions   = ["iot:Connect"]
    resources = ["arn:${local.partition}:iot:${local.region}:${local.account_id}:client/$${iot:Connection.Thing.ThingName}*"]
  }

  statement {
    sid     = "Messaging"
    actions = ["iot:Publish", "iot:Receive"]
    resources = [
      "arn:${local.partition}:iot:${local.region}:${local.account_id}:topic/${var.mqtt_topic_prefix}/*",
      "arn:${local.partition}:iot:${local.region}:${local.account_id}:topic/$aws/things/$${iot:Connection.Thing.ThingName}*/*",
    ]
  }

  statement {
    sid     = "Subscribe"
    actions = ["iot:Subscribe"]
    resources = [
      "arn:${local.partition}:iot:${local.region}:${local.account_id}:topicfilter/${var.mqtt_topic_prefix}/*",
      "arn:${local.partition}:iot:${local.region}:${local.account_id}:topicfilter/$aws/things/$${iot:Connection.Thing.ThingName}*/*",
    ]
  }

  statement {
    sid       = "ShadowsAndJobs"
    actions   = ["iot:GetThingShadow", "iot:UpdateThingShadow", "iot:DeleteThingShadow"]
    resources = ["arn:${local.partition}:iot:${local.region}:${local.account_id}:thing/$${iot:Connection.Thing.ThingName}*"]
  }

  statement {
    sid       = "AssumeTokenExchangeRole"
    actions   = ["iot:AssumeRoleWithCertificate"]
    resources = [aws_iot_role_alias.this.arn]
  }

  statement {
    sid = "Greengrass"
    actions = [
      "greengrass:GetComponentVersionArtifact",
      "greengrass:ResolveComponentCandidates",
      "greengrass:GetDeploymentConfiguration",
      "greengrass:ListThingGroupsForCoreDevice",
    ]
    resources = ["*"]
  }
}

resource "aws_iot_policy" "this" {
  name   = "${var.name}-core-devices"
  policy = data.aws_iam_policy_document.iot.json
}

resource "aws_cloudwatch_log_group" "system" {
  count = var.enable_cloudwatch_logs ? 1 : 0

  name              = "/aws/greengrass/GreengrassSystemComponent/${local.region}/System"
  retention_in_days = var.log_retention_days

  tags = var.tags
}
