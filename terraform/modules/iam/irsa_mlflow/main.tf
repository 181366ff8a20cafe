# DEPRECATED: replaced by ../irsa_ml_workloads, which covers MLflow and the
# other ML workloads with one role. Not used by any environment; kept only
# until it is removed. Do not use it in new configurations.

locals {
  oidc_provider = replace(var.oidc_provider_arn, "/^(.*provider/)/", "")
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
      values   = ["system:serviceaccount:${var.namespace}:${var.service_account_name}"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = var.role_name
  assume_role_policy = data.aws_iam_policy_document.assume.json

  tags = merge(var.tags, { Deprecated = "true" })
}

data "aws_iam_policy_document" "artifacts" {
  statement {
    actions   = ["s3:ListBucket"]
    resources = [var.artifact_bucket_arn]
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${var.artifact_bucket_arn}/*"]
  }
}

resource "aws_iam_role_policy" "artifacts" {
  name   = "mlflow-artifacts"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.artifacts.json
}
