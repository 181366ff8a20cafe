# MLflow tracking server deployed by Terraform (an alternative to the Helm
# chart through ArgoCD): namespace, S3 artifact store, IRSA role, optional
# PostgreSQL RDS backend store, and the Helm release.

data "aws_partition" "current" {}

locals {
  partition     = data.aws_partition.current.partition
  oidc_provider = replace(var.oidc_provider_arn, "/^(.*provider/)/", "")
  namespace     = var.create_namespace ? kubernetes_namespace_v1.this[0].metadata[0].name : var.namespace
  role_arn      = var.create_irsa_role ? aws_iam_role.this[0].arn : var.irsa_role_arn
  db_host       = var.database.create ? aws_db_instance.this[0].address : var.database.host
  identifier    = "${var.cluster_name}-${var.name}"

  values = {
    replicaCount = var.replica_count

    serviceAccount = {
      create = true
      name   = var.service_account_name
      annotations = {
        "eks.amazonaws.com/role-arn" = local.role_arn
      }
    }

    backendStore = {
      databaseMigration = true
      postgres = {
        enabled  = true
        host     = local.db_host
        port     = var.database.port
        database = var.database.name
        user     = var.db_username
      }
    }

    artifactRoot = {
      proxiedArtifactStorage = true
      s3 = {
        enabled = true
        bucket  = aws_s3_bucket.artifacts.id
        path    = "artifacts"
      }
    }

    ingress = {
      enabled     = var.ingress.enabled
      className   = var.ingress.class_name
      annotations = var.ingress.annotations
      hosts = var.ingress.host == null ? [] : [
        {
          host  = var.ingress.host
          paths = [{ path = "/", pathType = "Prefix" }]
        },
      ]
    }
  }
}

resource "kubernetes_namespace_v1" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name = var.namespace

    labels = {
      "app.kubernetes.io/managed-by" = "terraform"
      "app.kubernetes.io/part-of"    = "mlflow"
    }
  }
}

################################################################################
# Artifact store
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
# IRSA role of the tracking server
################################################################################

data "aws_iam_policy_document" "assume" {
  count = var.create_irsa_role ? 1 : 0

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

    condition {
      test     = "StringEquals"
      variable = "${local.oidc_provider}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  count = var.create_irsa_role ? 1 : 0

  name               = "${local.identifier}-irsa"
  assume_role_policy = data.aws_iam_policy_document.assume[0].json

  tags = var.tags
}

data "aws_iam_policy_document" "artifacts" {
  statement {
    sid       = "ListBucket"
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = [aws_s3_bucket.artifacts.arn]
  }

  statement {
    sid       = "ReadWriteArtifacts"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${aws_s3_bucket.artifacts.arn}/*"]
  }
}

resource "aws_iam_role_policy" "artifacts" {
  count = var.create_irsa_role ? 1 : 0

  name   = "mlflow-artifacts"
  role   = aws_iam_role.this[0].id
  policy = data.aws_iam_policy_document.artifacts.json
}

################################################################################
# Backend store (optional RDS PostgreSQL)
################################################################################

resource "aws_db_subnet_group" "this" {
  count = var.database.create ? 1 : 0

  name       = local.identifier
  subnet_ids = var.database.subnet_ids

  tags = var.tags
}

resource "aws_security_group" "db" {
  count = var.database.create ? 1 : 0

  name_prefix = "${local.identifier}-db-"
  description = "PostgreSQL access for the ${var.name} tracking server"
  vpc_id      = var.database.vpc_id

  ingress {
    description     = "PostgreSQL from the cluster"
    from_port       = var.database.port
    to_port         = var.database.port
    protocol        = "tcp"
    security_groups = var.database.allowed_security_group_ids
  }

  tags = merge(var.tags, { Name = "${local.identifier}-db" })

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_db_instance" "this" {
  count = var.database.create ? 1 : 0

  identifier     = local.identifier
  engine         = "postgres"
  engine_version = var.database.engine_version
  instance_class = var.database.instance_class
  port           = var.database.port

  allocated_storage     = var.database.allocated_storage
  max_allocated_storage = var.database.allocated_storage * 5
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name  = var.database.name
  username = var.db_username
  password = var.db_password

  db_subnet_group_name   = aws_db_subnet_group.this[0].name
  vpc_security_group_ids = [aws_security_group.db[0].id]
  multi_az               = var.database.multi_az
  publicly_accessible    = false

  backup_retention_period   = var.database.backup_retention_period
  deletion_protection       = var.database.deletion_protection
  skip_final_snapshot       = !var.database.deletion_protection
  final_snapshot_identifier = var.database.deletion_protection ? "${local.identifier}-final" : null

  tags = var.tags
}

################################################################################
# Helm release
################################################################################

resource "helm_release" "this" {
  name       = var.name
  namespace  = local.namespace
  repository = var.chart_repository
  chart      = "mlflow"
  version    = var.chart_version

  atomic          = true
  cleanup_on_fail = true
  timeout         = 600

  values = compact([
    yamlencode(local.values),
    var.extra_values,
  ])

  set_sensitive {
    name  = "backendStore.postgres.password"
    value = var.db_password
  }

  lifecycle {
    precondition {
      condition     = local.role_arn != null
      error_message = "Pass irsa_role_arn when create_irsa_role is false."
    }
  }
}
