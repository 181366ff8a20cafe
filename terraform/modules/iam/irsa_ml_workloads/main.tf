# One IRSA role shared by the ML workloads of a cluster: the MLflow tracking
# server, training and batch jobs, inference servers and notebooks. It
# replaces the MLflow-only iam/irsa_mlflow module.

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

locals {
  oidc_provider = replace(var.oidc_provider_arn, "/^(.*provider/)/", "")
  subjects      = [for sa in var.service_accounts : "system:serviceaccount:${sa.namespace}:${sa.name}"]
  partition     = data.aws_partition.current.partition
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [var.oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_provider}:sub"
      values   = local.subjects
    }

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  assume_role_policy   = data.aws_iam_policy_document.assume.json
  max_session_duration = var.max_session_duration
  permissions_boundary = var.permissions_boundary_arn

  tags = var.tags
}

data "aws_iam_policy_document" "workloads" {
  # Always present so the document is never empty.
  statement {
    sid       = "Identity"
    actions   = ["sts:GetCallerIdentity"]
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = length(var.s3_bucket_arns) > 0 ? [1] : []

    content {
      sid       = "ReadWriteBuckets"
      actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
      resources = var.s3_bucket_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.s3_bucket_arns) > 0 ? [1] : []

    content {
      sid       = "ReadWriteObjects"
      actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
      resources = [for arn in var.s3_bucket_arns : "${arn}/*"]
    }
  }

  dynamic "statement" {
    for_each = length(var.s3_read_only_bucket_arns) > 0 ? [1] : []

    content {
      sid       = "ReadOnlyBuckets"
      actions   = ["s3:ListBucket", "s3:GetBucketLocation", "s3:GetObject"]
      resources = flatten([for arn in var.s3_read_only_bucket_arns : [arn, "${arn}/*"]])
    }
  }

  dynamic "statement" {
    for_each = length(var.ecr_repository_arns) > 0 ? [1] : []

    content {
      sid       = "PullImages"
      actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
      resources = var.ecr_repository_arns
    }
  }

  dynamic "statement" {
    for_each = length(var.ecr_repository_arns) > 0 ? [1] : []

    content {
      sid       = "EcrAuth"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = length(var.secrets_manager_arns) > 0 ? [1] : []

    content {
      sid       = "ReadSecrets"
      actions   = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
      resources = var.secrets_manager_arns
    }
  }

  dynamic "statement" {
    for_each = var.enable_sagemaker_access ? [1] : []

    content {
      sid = "SageMakerJobs"
      actions = [
        "sagemaker:CreateTrainingJob",
        "sagemaker:DescribeTrainingJob",
        "sagemaker:StopTrainingJob",
        "sagemaker:CreateProcessingJob",
        "sagemaker:DescribeProcessingJob",
        "sagemaker:StopProcessingJob",
        "sagemaker:AddTags",
      ]
      resources = ["arn:${local.partition}:sagemaker:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:*"]
    }
  }
}

resource "aws_iam_policy" "workloads" {
  name        = "${var.name}-policy"
  description = "Permissions of the ML workloads that use the ${var.name} IRSA role"
  policy      = data.aws_iam_policy_document.workloads.json

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "workloads" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.workloads.arn
}

resource "aws_iam_role_policy_attachment" "additional" {
  for_each = toset(var.additional_policy_arns)

  role       = aws_iam_role.this.name
  policy_arn = each.value
}
